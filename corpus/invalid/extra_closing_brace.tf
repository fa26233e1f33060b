# One closing brace too many.
resource "null_resource" "a" {
  count = 1
}
}

variable "v" {}
