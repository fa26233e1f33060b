# No provider, no backend, no input without a default, and nothing in the
# repository calls it: a root module taking its provider settings from the
# environment, or a module called from elsewhere; the code does not say.
# What can be undone is added (public access block, default encryption);
# versioning, which can only be suspended once on, is reported with the fact
# and the input to add, also where a rule expires objects.
locals {
  name = "example-bucket"
}

resource "aws_s3_bucket" "example" {
  bucket = local.name
}

resource "aws_s3_bucket_public_access_block" "example" {
  bucket = aws_s3_bucket.example.id

  block_public_acls       = true
  block_public_policy     = true
  ignore_public_acls      = true
  restrict_public_buckets = true
}

resource "aws_s3_bucket_server_side_encryption_configuration" "example" {
  bucket = aws_s3_bucket.example.id

  rule {
    apply_server_side_encryption_by_default {
      sse_algorithm = "aws:kms"
    }
    bucket_key_enabled = true
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
  for_each = toset(["daily", "weekly"])
  bucket   = "reports-${each.key}"
}

resource "aws_s3_bucket_public_access_block" "reports" {
  for_each = aws_s3_bucket.reports

  bucket = aws_s3_bucket.reports[each.key].id

  block_public_acls       = true
  block_public_policy     = true
  ignore_public_acls      = true
  restrict_public_buckets = true
}

resource "aws_s3_bucket_server_side_encryption_configuration" "reports" {
  for_each = aws_s3_bucket.reports

  bucket = aws_s3_bucket.reports[each.key].id

  rule {
    apply_server_side_encryption_by_default {
      sse_algorithm = "aws:kms"
    }
    bucket_key_enabled = true
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
