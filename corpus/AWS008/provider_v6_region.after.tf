# Provider 6 places a resource in its own `region` (else the provider's): what is
# written for this bucket carries the bucket's region, or S3 answers the
# configuration calls with PermanentRedirect.
terraform {
  required_providers {
    aws = {
      source  = "hashicorp/aws"
      version = "~> 6.0"
    }
  }
}

provider "aws" {
  region = "us-east-1"
}

variable "region" {
  type    = string
  default = "eu-west-1"
}

resource "aws_s3_bucket" "replica" {
  region = var.region
  bucket = "example-replica-bucket"
}

resource "aws_s3_bucket_public_access_block" "replica" {
  region = var.region

  bucket = aws_s3_bucket.replica.id

  block_public_acls       = true
  block_public_policy     = true
  ignore_public_acls      = true
  restrict_public_buckets = true
}

resource "aws_s3_bucket_versioning" "replica" {
  region = var.region

  bucket = aws_s3_bucket.replica.id

  versioning_configuration {
    status = "Enabled"
  }
}

resource "aws_s3_bucket_server_side_encryption_configuration" "replica" {
  region = var.region

  bucket = aws_s3_bucket.replica.id

  rule {
    apply_server_side_encryption_by_default {
      sse_algorithm = "aws:kms"
    }
    bucket_key_enabled = true
  }
}

resource "aws_s3_bucket_lifecycle_configuration" "replica" {
  region = var.region

  bucket = aws_s3_bucket.replica.id

  rule {
    id     = "baseline"
    status = "Enabled"

    filter {}

    abort_incomplete_multipart_upload {
      days_after_initiation = 7
    }

    noncurrent_version_expiration {
      noncurrent_days = 90
    }
  }

  depends_on = [aws_s3_bucket_versioning.replica]
}
