# A deployment: it configures its provider.
provider "aws" {
  region = "eu-west-1"
}

variable "acl" {
  description = "Canned ACL of the shared bucket"
  type        = string
  default     = "private"
}

locals {
  downloads_acl = "public-read"
}

# The ACL is the caller's choice: a public access block could break what they pass.
resource "aws_s3_bucket" "shared" {
  bucket = "acme-shared"
}

resource "aws_s3_bucket_acl" "shared" {
  bucket = aws_s3_bucket.shared.id
  acl    = var.acl
}

# A local that is public.
resource "aws_s3_bucket" "downloads" {
  bucket = "acme-downloads"
  acl    = local.downloads_acl
}

# Deny-only TLS guard: the opposite of public.
resource "aws_s3_bucket" "secure" {
  bucket = "acme-secure"
}

resource "aws_s3_bucket_policy" "secure" {
  bucket = aws_s3_bucket.secure.id
  policy = jsonencode({
    Version = "2012-10-17"
    Statement = [{
      Sid       = "DenyInsecureTransport"
      Effect    = "Deny"
      Principal = "*"
      Action    = "s3:*"
      Resource  = [aws_s3_bucket.secure.arn, "${aws_s3_bucket.secure.arn}/*"]
      Condition = { Bool = { "aws:SecureTransport" = "false" } }
    }]
  })
}

# Allow-to-everyone pinned to a VPC endpoint: S3 does not count it as public.
resource "aws_s3_bucket" "internal" {
  bucket = "acme-internal"
}

data "aws_iam_policy_document" "internal" {
  statement {
    actions   = ["s3:GetObject"]
    resources = ["${aws_s3_bucket.internal.arn}/*"]

    principals {
      type        = "*"
      identifiers = ["*"]
    }

    condition {
      test     = "StringEquals"
      variable = "aws:SourceVpce"
      values   = ["vpce-1a2b3c4d"]
    }
  }
}

resource "aws_s3_bucket_policy" "internal" {
  bucket = aws_s3_bucket.internal.id
  policy = data.aws_iam_policy_document.internal.json
}

variable "legacy_policy" {
  description = "Bucket policy of the legacy bucket, as JSON"
  type        = string
}

# A policy given by the caller: what it allows is not shown here.
resource "aws_s3_bucket" "legacy" {
  bucket = "acme-legacy"
  policy = var.legacy_policy
}
