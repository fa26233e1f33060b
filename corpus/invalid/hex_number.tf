# HCL has no hexadecimal literals.
locals {
  a = 0x1F
}
