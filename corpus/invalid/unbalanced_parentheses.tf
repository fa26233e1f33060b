# An opening parenthesis that is never closed.
locals {
  a = (1 + (2 * 3)
  b = 2
}
