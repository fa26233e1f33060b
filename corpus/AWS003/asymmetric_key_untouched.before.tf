resource "aws_kms_key" "signing" {
  description              = "signing key"
  customer_master_key_spec = "RSA_2048"
  key_usage                = "SIGN_VERIFY"
}

resource "aws_kms_key" "already" {
  enable_key_rotation = true
}
