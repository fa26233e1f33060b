variable "rotate" {
  type    = bool
  default = false
}

resource "aws_kms_key" "main" {
  description         = "main"
  enable_key_rotation = var.rotate
}
