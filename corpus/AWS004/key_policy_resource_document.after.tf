# An aws_kms_key_policy whose policy document keeps CloudWatch Logs out: the
# statement goes into that document, the key's own block stays as it is.
data "aws_caller_identity" "current" {}

data "aws_region" "current" {}

resource "aws_kms_key" "app" {
  description         = "application logs"
  enable_key_rotation = true
}

data "aws_iam_policy_document" "app" {
  statement {
    sid       = "Account"
    actions   = ["kms:*"]
    resources = ["*"]

    principals {
      type        = "AWS"
      identifiers = ["arn:aws:iam::${data.aws_caller_identity.current.account_id}:root"]
    }
  }

  statement {
    sid    = "AllowCloudWatchLogs"
    effect = "Allow"

    principals {
      type        = "Service"
      identifiers = ["logs.${data.aws_region.current.name}.amazonaws.com"]
    }

    actions = [
      "kms:Encrypt*",
      "kms:Decrypt*",
      "kms:ReEncrypt*",
      "kms:GenerateDataKey*",
      "kms:Describe*",
    ]
    resources = ["*"]

    condition {
      test     = "ArnLike"
      variable = "kms:EncryptionContext:aws:logs:arn"
      values   = ["arn:aws:logs:${data.aws_region.current.name}:${data.aws_caller_identity.current.account_id}:*"]
    }
  }
}

resource "aws_kms_key_policy" "app" {
  key_id = aws_kms_key.app.key_id
  policy = data.aws_iam_policy_document.app.json
}

resource "aws_cloudwatch_log_group" "app" {
  name              = "/app/service"
  retention_in_days = 30
  kms_key_id        = aws_kms_key.app.arn
}
