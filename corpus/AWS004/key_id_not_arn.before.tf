# kms_key_id takes the key's ARN: a key ID (the key's id or key_id, an alias's
# target_key_id, a data source's id) fails with "The specified KMS Key Id could
# not be found". The same key's ARN goes in its place.
data "aws_caller_identity" "current" {}

data "aws_region" "current" {}

resource "aws_kms_key" "logs" {
  enable_key_rotation = true
  policy = jsonencode({
    Version = "2012-10-17"
    Statement = [
      {
        Effect    = "Allow"
        Principal = { Service = "logs.${data.aws_region.current.name}.amazonaws.com" }
        Action    = ["kms:Encrypt*", "kms:Decrypt*", "kms:ReEncrypt*", "kms:GenerateDataKey*", "kms:Describe*"]
        Resource  = "*"
      },
    ]
  })
}

resource "aws_kms_alias" "logs" {
  name          = "alias/logs"
  target_key_id = aws_kms_key.logs.key_id
}

data "aws_kms_key" "shared" {
  key_id = "alias/shared-logs"
}

resource "aws_cloudwatch_log_group" "by_id" {
  name       = "/app/by-id"
  kms_key_id = aws_kms_key.logs.id
}

resource "aws_cloudwatch_log_group" "by_key_id" {
  name       = "/app/by-key-id"
  kms_key_id = aws_kms_key.logs.key_id # the key of this service
}

resource "aws_cloudwatch_log_group" "by_alias" {
  name       = "/app/by-alias"
  kms_key_id = aws_kms_alias.logs.target_key_id
}

resource "aws_cloudwatch_log_group" "by_data" {
  name       = "/app/by-data"
  kms_key_id = data.aws_kms_key.shared.id
}

resource "aws_cloudwatch_log_group" "by_arn" {
  name       = "/app/by-arn"
  kms_key_id = aws_kms_key.logs.arn
}
