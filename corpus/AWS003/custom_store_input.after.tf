# Whether a key is in a custom key store (where KMS cannot rotate it) is an
# input: a caller that passes no store gets an ordinary key, which should
# rotate. Rotation follows the input; a literal store ID is left alone.
variable "custom_key_store_id" {
  type    = string
  default = null
}

variable "xks_key_id" {
  type    = string
  default = null
}

resource "aws_kms_key" "app" {
  description         = "app data"
  enable_key_rotation = var.custom_key_store_id == null
  custom_key_store_id = var.custom_key_store_id
}

resource "aws_kms_key" "external" {
  description         = "external key store"
  enable_key_rotation = var.custom_key_store_id == null
  custom_key_store_id = var.custom_key_store_id
  xks_key_id          = var.xks_key_id
}

resource "aws_kms_key" "hsm" {
  description         = "CloudHSM"
  custom_key_store_id = "cks-1234567890abcdef0"
}
