# \u needs exactly four hex digits.
locals {
  bad = "x\u12y"
}
