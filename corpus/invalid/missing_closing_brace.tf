# The resource block is never closed.
resource "null_resource" "a" {
  triggers = {
    a = 1
  }

variable "v" {
  default = 1
}
