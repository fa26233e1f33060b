# The last line of this file has no newline character after it.
locals {
  a = 1
}
output "a" { value = local.a }