# A tuple whose closing bracket is missing.
locals {
  a = [1, 2, [3, 4]
  b = 2
}
