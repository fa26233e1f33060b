# A closing parenthesis without an opener.
locals {
  a = (1 + 2))
}
