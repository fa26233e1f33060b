# Buckets shared with an organization or with other accounts through
# Principal "*" and a condition on the principal (aws:PrincipalOrgID,
# aws:PrincipalAccount, aws:PrincipalArn). S3 does not count those keys among
# the ones that make a policy non-public, so Block Public Access treats the
# policy as public: a public access block would cut the other accounts off.
# A condition on aws:SourceVpce is non-public: that bucket gets the block.
provider "aws" {
  region = "eu-west-1"
}

resource "aws_s3_bucket" "org" {
  bucket = "org-shared-artifacts-123"
}

resource "aws_s3_bucket_policy" "org" {
  bucket = aws_s3_bucket.org.id
  policy = jsonencode({
    Version = "2012-10-17"
    Statement = [{
      Sid       = "OrgRead"
      Effect    = "Allow"
      Principal = "*"
      Action    = ["s3:GetObject"]
      Resource  = "${aws_s3_bucket.org.arn}/*"
      Condition = { StringEquals = { "aws:PrincipalOrgID" = "o-abc123" } }
    }]
  })
}

resource "aws_s3_bucket" "accounts" {
  bucket = "partner-drop-123"
}

data "aws_iam_policy_document" "accounts" {
  statement {
    actions   = ["s3:PutObject"]
    resources = ["${aws_s3_bucket.accounts.arn}/*"]

    principals {
      type        = "*"
      identifiers = ["*"]
    }

    condition {
      test     = "StringEquals"
      variable = "aws:PrincipalAccount"
      values   = ["111122223333", "444455556666"]
    }
  }
}

resource "aws_s3_bucket_policy" "accounts" {
  bucket = aws_s3_bucket.accounts.id
  policy = data.aws_iam_policy_document.accounts.json
}

resource "aws_s3_bucket" "endpoint" {
  bucket = "endpoint-only-123"
}

resource "aws_s3_bucket_policy" "endpoint" {
  bucket = aws_s3_bucket.endpoint.id
  policy = jsonencode({
    Version = "2012-10-17"
    Statement = [{
      Effect    = "Allow"
      Principal = "*"
      Action    = ["s3:GetObject"]
      Resource  = "${aws_s3_bucket.endpoint.arn}/*"
      Condition = { StringEquals = { "aws:SourceVpce" = "vpce-0abc" } }
    }]
  })
}
