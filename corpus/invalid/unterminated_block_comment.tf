# A /* comment that is never closed.
locals {
  a = 1 /* starts here
  b = 2
}
