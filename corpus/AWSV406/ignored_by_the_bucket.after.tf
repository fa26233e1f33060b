# Lifecycle rules a bucket ignores after creation are managed by hand (or by
# another tool): an imported aws_s3_bucket_lifecycle_configuration would apply
# the configuration's rules over them, so those buckets are left for a person.
terraform {
  required_providers {
    aws = {
      source  = "hashicorp/aws"
      version = "~> 4.0"
    }
  }
}

provider "aws" {
  region = "us-east-1"
}

resource "aws_s3_bucket" "landing" {
  bucket = "acme-data-landing"

  lifecycle_rule {
    id      = "expire-raw"
    enabled = true

    expiration {
      days = 30
    }
  }

  lifecycle {
    ignore_changes = [lifecycle_rule]
  }
}

resource "aws_s3_bucket" "pipeline" {
  bucket = "acme-code-pipeline"

  lifecycle_rule {
    enabled = true

    noncurrent_version_expiration {
      days = 90
    }
  }

  lifecycle {
    ignore_changes = all
  }
}

resource "aws_s3_bucket" "reports" {
  bucket = "acme-reports"

  lifecycle {
    ignore_changes = [tags]
  }
}

resource "aws_s3_bucket_lifecycle_configuration" "reports" {
  bucket = aws_s3_bucket.reports.id

  rule {
    id     = "archive"
    status = "Enabled"

    filter {}

    transition {
      days          = 90
      storage_class = "GLACIER"
    }
  }
}
