# Two tuple elements without a comma.
locals {
  a = [1 2]
}
