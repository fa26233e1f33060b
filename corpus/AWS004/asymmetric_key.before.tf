# CloudWatch Logs encrypts only with symmetric keys: no key policy makes an
# RSA key or an HMAC key usable for a log group.
resource "aws_kms_key" "signing" {
  description              = "release signing"
  customer_master_key_spec = "RSA_2048"
  key_usage                = "SIGN_VERIFY"
}

resource "aws_kms_key" "hmac" {
  description              = "tokens"
  customer_master_key_spec = "HMAC_256"
  key_usage                = "GENERATE_VERIFY_MAC"
}

resource "aws_cloudwatch_log_group" "signing" {
  name       = "/app/signing"
  kms_key_id = aws_kms_key.signing.arn
}

resource "aws_cloudwatch_log_group" "hmac" {
  name       = "/app/hmac"
  kms_key_id = aws_kms_key.hmac.arn
}
