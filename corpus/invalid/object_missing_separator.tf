# Two object items on one line without a comma.
locals {
  a = { x = 1 y = 2 }
}
