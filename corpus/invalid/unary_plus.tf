# HCL has unary minus and not, but no unary plus.
locals {
  a = +1
}
