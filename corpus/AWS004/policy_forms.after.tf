# A policy that lets CloudWatch Logs in, in each form a key's policy takes: a
# heredoc, an aws_kms_key_policy with a policy document. Nothing to add.
resource "aws_kms_key" "heredoc" {
  enable_key_rotation = true
  policy              = <<-EOT
    {
      "Version": "2012-10-17",
      "Statement": [
        {
          "Effect": "Allow",
          "Principal": {"AWS": "arn:aws:iam::123456789012:root"},
          "Action": "kms:*",
          "Resource": "*"
        },
        {
          "Effect": "Allow",
          "Principal": {"Service": "logs.eu-west-1.amazonaws.com"},
          "Action": ["kms:Encrypt*", "kms:Decrypt*", "kms:ReEncrypt*", "kms:GenerateDataKey*", "kms:Describe*"],
          "Resource": "*"
        }
      ]
    }
  EOT
}

resource "aws_kms_key" "separate" {
  enable_key_rotation = true
}

data "aws_iam_policy_document" "separate" {
  statement {
    actions   = ["kms:*"]
    resources = ["*"]

    principals {
      type        = "AWS"
      identifiers = ["arn:aws:iam::123456789012:root"]
    }
  }

  statement {
    actions   = ["kms:Encrypt*", "kms:Decrypt*", "kms:GenerateDataKey*", "kms:Describe*"]
    resources = ["*"]

    principals {
      type        = "Service"
      identifiers = ["logs.eu-west-1.amazonaws.com"]
    }
  }
}

resource "aws_kms_key_policy" "separate" {
  key_id = aws_kms_key.separate.id
  policy = data.aws_iam_policy_document.separate.json
}

resource "aws_cloudwatch_log_group" "heredoc" {
  name       = "/app/heredoc"
  kms_key_id = aws_kms_key.heredoc.arn
}

resource "aws_cloudwatch_log_group" "separate" {
  name       = "/app/separate"
  kms_key_id = aws_kms_key.separate.arn
}
