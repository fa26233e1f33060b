# The author chose a customer-managed key for the function's logs; its policy only
# delegates to IAM, so CloudWatch Logs cannot use it yet.
data "aws_caller_identity" "c" {}

data "aws_region" "current" {}

resource "aws_kms_key" "k" {
  enable_key_rotation = true
  policy = jsonencode({
    Version = "2012-10-17"
    Statement = [
      {
        Effect    = "Allow"
        Principal = { AWS = "arn:aws:iam::${data.aws_caller_identity.c.account_id}:root" }
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
            "kms:EncryptionContext:aws:logs:arn" = "arn:aws:logs:${data.aws_region.current.name}:${data.aws_caller_identity.c.account_id}:*"
          }
        }
      }
    ]
  })
}

resource "aws_cloudwatch_log_group" "lg" {
  name              = "/aws/lambda/x"
  retention_in_days = 14
  kms_key_id        = aws_kms_key.k.arn
}

resource "aws_cloudwatch_log_group" "build" {
  name              = "/aws/codebuild/x"
  retention_in_days = 14
  kms_key_id        = aws_kms_key.k.arn
}
