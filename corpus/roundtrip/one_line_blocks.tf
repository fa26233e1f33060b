# Single-line blocks: empty, with one attribute, nested empty.
resource "null_resource" "a" {}
resource "null_resource" "b" { triggers = {} }
variable "c" { default = 1 }
locals { x = "y" }
lifecycle_holder "d" {   }
output "e" { value = [1, 2, 3] }

resource "null_resource" "f" {
  lifecycle { create_before_destroy = true }
  inner {}
}
