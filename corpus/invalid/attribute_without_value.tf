# An attribute with "=" but no expression.
locals {
  a =
  b = 2
}
