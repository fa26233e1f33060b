data "aws_region" "current" {}

data "aws_caller_identity" "current" {}

resource "aws_kms_key" "a" {
  enable_key_rotation = true
}

resource "aws_kms_key_policy" "a" {
  key_id = aws_kms_key.a.id
  policy = jsonencode({
    Version = "2012-10-17"
    Statement = [
      {
        Effect    = "Allow"
        Principal = { AWS = "arn:aws:iam::123456789012:root" }
        Action    = "kms:*"
        Resource  = "*"
      },
      {
        Sid    = "AllowCloudWatchLogs"
        Effect = "Allow"
        Principal = {
          Service = "logs.${data.aws_region.current.name}.amazonaws.com"
        }
        Action = [
          "kms:Encrypt*",
          "kms:Decrypt*",
          "kms:ReEncrypt*",
          "kms:GenerateDataKey*",
          "kms:Describe*"
        ]
        Resource = "*"
        Condition = {
          ArnLike = {
            "kms:EncryptionContext:aws:logs:arn" = "arn:aws:logs:${data.aws_region.current.name}:${data.aws_caller_identity.current.account_id}:*"
          }
        }
      }
    ]
  })
}

resource "aws_kms_key" "b" {
  enable_key_rotation = true
}

resource "aws_kms_key_policy" "b" {
  key_id = aws_kms_key.b.id
  policy = jsonencode({
    Version = "2012-10-17"
    Statement = [
      {
        Effect    = "Allow"
        Principal = { Service = "logs.amazonaws.com" }
        Action    = "kms:*"
        Resource  = "*"
      },
    ]
  })
}

resource "aws_cloudwatch_log_group" "a" {
  name       = "/app/a"
  kms_key_id = aws_kms_key.a.arn
  tags       = { Team = "a" }
}

resource "aws_cloudwatch_log_group" "b" {
  name       = "/app/b"
  kms_key_id = aws_kms_key.b.arn
}
