# A quoted string that never ends.
locals {
  ok  = "fine"
  bad = "no closing quote
  next = 1
}
