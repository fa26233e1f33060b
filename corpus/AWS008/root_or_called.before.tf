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
  bucket = local.name
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

terraform {
  required_providers {
    aws = {
      source  = "hashicorp/aws"
      version = ">= 4.59"
    }
  }
}
