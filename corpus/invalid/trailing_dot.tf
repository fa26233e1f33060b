# A traversal ending in a dot.
locals {
  a = local.b.
}
