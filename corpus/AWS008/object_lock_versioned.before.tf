provider "aws" {}

# S3 Object Lock turns versioning on for good: the bucket holds the versions it kept
# so far, which a new rule expiring noncurrent versions would delete.
resource "aws_s3_bucket" "locked" {
  bucket              = "example-locked"
  object_lock_enabled = true
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
