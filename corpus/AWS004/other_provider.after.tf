provider "aws" {
  alias  = "west"
  region = "us-west-2"
}

resource "aws_kms_key" "west" {
  provider            = aws.west
  description         = "logs in us-west-2"
  enable_key_rotation = true
}

# The key is in another region: no key policy makes it usable here.
resource "aws_cloudwatch_log_group" "api" {
  name              = "/aws/lambda/api"
  retention_in_days = 365
  kms_key_id        = aws_kms_key.west.arn
}

resource "aws_cloudwatch_log_group" "api_west" {
  provider          = aws.west
  name              = "/aws/lambda/api"
  retention_in_days = 365
  kms_key_id        = aws_kms_key.west.arn
}

resource "aws_cloudwatch_log_group" "audit" {
  name              = "/audit"
  retention_in_days = 365
  kms_key_id        = var.audit_key_arn
}
