provider "aws" {}

# S3 Object Lock turns versioning on for good: the bucket holds the versions it kept
# so far, which a new rule expiring noncurrent versions would delete.
resource "aws_s3_bucket" "locked" {
  bucket              = "example-locked"
  object_lock_enabled = true
}

resource "aws_s3_bucket_public_access_block" "locked" {
  bucket = aws_s3_bucket.locked.id

  block_public_acls       = true
  block_public_policy     = true
  ignore_public_acls      = true
  restrict_public_buckets = true
}

resource "aws_s3_bucket_server_side_encryption_configuration" "locked" {
  bucket = aws_s3_bucket.locked.id

  rule {
    apply_server_side_encryption_by_default {
      sse_algorithm = "aws:kms"
    }
    bucket_key_enabled = true
  }
}

resource "aws_s3_bucket_object_lock_configuration" "locked" {
  bucket = aws_s3_bucket.locked.id

  rule {
    default_retention {
      mode = "GOVERNANCE"
      days = 30
    }
  }
}

# The provider v3 form.
resource "aws_s3_bucket" "legacy" {
  bucket = "example-legacy-lock"

  object_lock_configuration {
    object_lock_enabled = "Enabled"
  }
}

resource "aws_s3_bucket_public_access_block" "legacy" {
  bucket = aws_s3_bucket.legacy.id

  block_public_acls       = true
  block_public_policy     = true
  ignore_public_acls      = true
  restrict_public_buckets = true
}

resource "aws_s3_bucket_server_side_encryption_configuration" "legacy" {
  bucket = aws_s3_bucket.legacy.id

  rule {
    apply_server_side_encryption_by_default {
      sse_algorithm = "aws:kms"
    }
    bucket_key_enabled = true
  }
}
