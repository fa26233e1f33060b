#checkov:skip=CKV_AWS_21:scratch data, no history needed
resource "aws_s3_bucket" "scratch" {
  bucket = "scratch"
}

resource "aws_s3_bucket_public_access_block" "scratch" {
  bucket = aws_s3_bucket.scratch.id

  block_public_acls       = true
  block_public_policy     = true
  ignore_public_acls      = true
  restrict_public_buckets = true
}

resource "aws_s3_bucket_server_side_encryption_configuration" "scratch" {
  bucket = aws_s3_bucket.scratch.id

  rule {
    apply_server_side_encryption_by_default {
      sse_algorithm = "aws:kms"
    }
    bucket_key_enabled = true
  }
}

# tffix: ignore[AWS008]
resource "aws_s3_bucket" "ignored" {
  bucket = "ignored"
}

resource "aws_s3_bucket" "done" {
  bucket = "done"
}

resource "aws_s3_bucket_public_access_block" "done" {
  bucket = aws_s3_bucket.done.id

  block_public_acls       = true
  block_public_policy     = true
  ignore_public_acls      = true
  restrict_public_buckets = true
}

resource "aws_s3_bucket_versioning" "done" {
  bucket = aws_s3_bucket.done.bucket
  versioning_configuration {
    status = "Enabled"
  }
}

resource "aws_s3_bucket_server_side_encryption_configuration" "done" {
  bucket = aws_s3_bucket.done.id
  rule {
    apply_server_side_encryption_by_default {
      sse_algorithm = "aws:kms"
    }
  }
}

provider "aws" {
  region = "eu-west-1"
}
