variable "key_spec" {
  type    = string
  default = "SYMMETRIC_DEFAULT"
}

variable "enabled" {
  type    = bool
  default = true
}

# Keys in a CloudHSM key store do not rotate automatically.
resource "aws_kms_key" "hsm" {
  description         = "payments"
  custom_key_store_id = aws_kms_custom_key_store.hsm.id
}

resource "aws_kms_key" "hmac" {
  description              = "tokens"
  customer_master_key_spec = "HMAC_256"
  key_usage                = "GENERATE_VERIFY_MAC"
}

resource "aws_kms_key" "spec_from_variable" {
  description              = "configurable"
  customer_master_key_spec = var.key_spec
}

resource "aws_kms_key" "disabled" {
  description = "retired"
  is_enabled  = false
}

resource "aws_kms_key" "maybe_disabled" {
  description = "optional"
  is_enabled  = var.enabled
}

resource "aws_kms_key" "enabled" {
  description         = "current"
  enable_key_rotation = true
  is_enabled          = true
}
