# An exponent marker with no digits.
locals {
  a = 1e
}
