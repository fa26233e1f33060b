# HCL has no single-quoted strings.
locals {
  a = 'single'
}
