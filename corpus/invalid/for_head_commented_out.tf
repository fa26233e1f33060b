# A mutation that comments out a for expression's head: `{ for` then nothing.
locals {
  tags = { for// k, v in var.tags : k => v }
}
