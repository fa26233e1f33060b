# A byte that is not valid UTF-8 inside a quoted string.
locals {
  a = "bad ÿ byte"
}
