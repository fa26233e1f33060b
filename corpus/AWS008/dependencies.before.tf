# The bucket waits for its account-level settings; its companions wait for the same.
resource "aws_s3_account_public_access_block" "account" {
  block_public_acls   = true
  block_public_policy = true
}

resource "aws_s3_bucket" "audit" {
  bucket = "acme-audit"

  depends_on = [aws_s3_account_public_access_block.account]
}

# S3 refuses a policy change while the public access block changes (409
# OperationAborted): the new block waits for the policy.
resource "aws_s3_bucket_policy" "audit" {
  bucket = aws_s3_bucket.audit.id
  policy = data.aws_iam_policy_document.tls_only.json
}

data "aws_iam_policy_document" "tls_only" {
  statement {
    sid       = "DenyInsecureTransport"
    effect    = "Deny"
    actions   = ["s3:*"]
    resources = [aws_s3_bucket.audit.arn, "${aws_s3_bucket.audit.arn}/*"]

    principals {
      type        = "*"
      identifiers = ["*"]
    }

    condition {
      test     = "Bool"
      variable = "aws:SecureTransport"
      values   = ["false"]
    }
  }
}

provider "aws" {
  region = "eu-west-1"
}
