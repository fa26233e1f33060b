data "aws_region" "current" {}

data "aws_caller_identity" "current" {}

# The shape of examples/s3-kms: a key created without a policy gets the default
# key policy, which trusts only the account's IAM policies, so CloudWatch Logs
# cannot use it and creating the log group fails with AccessDeniedException.
resource "aws_kms_key" "main" {
  description             = "Key for the ${var.project_name} artifacts"
  deletion_window_in_days = 7
  policy = jsonencode({
    Version = "2012-10-17"
    Statement = [
      {
        Sid    = "EnableRootAccountPermissions"
        Effect = "Allow"
        Principal = {
          AWS = "arn:aws:iam::${data.aws_caller_identity.current.account_id}:root"
        }
        Action   = "kms:*"
        Resource = "*"
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

resource "aws_cloudwatch_log_group" "pipeline" {
  name       = "/aws/codebuild/${var.project_name}"
  kms_key_id = aws_kms_key.main.arn
}

variable "project_name" {
  type    = string
  default = "demo"
}
