# A module made to be called (an input without a default, no provider of its
# own). The log group `always` is created by every caller with the module's
# key, so every caller's apply fails today and the statement fixes them all;
# `optional` exists only for callers that ask for it, and a statement added for
# it would widen the key policy of every other caller too: a person decides.
variable "name" {
  type = string
}

variable "create_audit_log" {
  type    = bool
  default = false
}

data "aws_region" "current" {}

data "aws_caller_identity" "current" {}

resource "aws_kms_key" "this" {
  description         = "${var.name} logs"
  enable_key_rotation = true
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

resource "aws_kms_key" "audit" {
  description         = "${var.name} audit logs"
  enable_key_rotation = true
}

resource "aws_cloudwatch_log_group" "always" {
  name       = "/app/${var.name}"
  kms_key_id = aws_kms_key.this.arn
}

resource "aws_cloudwatch_log_group" "optional" {
  count      = var.create_audit_log ? 1 : 0
  name       = "/audit/${var.name}"
  kms_key_id = aws_kms_key.audit.arn
}
