# No provider, no backend, no input without a default, and nothing in the
# repository calls it: a root module taking its provider settings from the
# environment, or a module called from elsewhere; the code does not say.
# Default encryption is added as SSE-S3 (AES256), which any reader a caller
# may give the bucket can read (a CloudFront origin access identity cannot use
# a KMS key); versioning, which can only be suspended once on, is reported
# with the fact and the input to add, also where a rule expires objects, and
# so is the public access block, since a caller may attach a public policy or
# ACL to the bucket.
locals {
  name = "example-bucket"
}

resource "aws_s3_bucket" "example" {
  # checkov:skip=CKV_AWS_145:AES256 on purpose: the module may be called from elsewhere, and its callers' readers (CloudFront OAI, other accounts) are not shown (tffix AWS008)
  bucket = local.name
}

resource "aws_s3_bucket_server_side_encryption_configuration" "example" {
  bucket = aws_s3_bucket.example.id

  rule {
    apply_server_side_encryption_by_default {
      sse_algorithm = "AES256"
    }
  }
}

resource "aws_s3_bucket_lifecycle_configuration" "example" {
  bucket = aws_s3_bucket.example.id

  rule {
    id     = "rule-1"
    status = "Enabled"

    filter {}

    expiration {
      days = 30
    }
  }
}

resource "aws_s3_bucket" "reports" {
  # checkov:skip=CKV_AWS_145:AES256 on purpose: the module may be called from elsewhere, and its callers' readers (CloudFront OAI, other accounts) are not shown (tffix AWS008)
  for_each = toset(["daily", "weekly"])
  bucket   = "reports-${each.key}"
}

resource "aws_s3_bucket_server_side_encryption_configuration" "reports" {
  for_each = aws_s3_bucket.reports

  bucket = aws_s3_bucket.reports[each.key].id

  rule {
    apply_server_side_encryption_by_default {
      sse_algorithm = "AES256"
    }
  }
}

terraform {
  required_providers {
    aws = {
      source  = "hashicorp/aws"
      version = ">= 4.59"
    }
  }
}
