provider "aws" {}

# Rules for noncurrent versions on a bucket the module does not version: versioned
# elsewhere, its old versions kept in Glacier on purpose.
resource "aws_s3_bucket" "archive" {
  bucket = "example-archive"
}

resource "aws_s3_bucket_lifecycle_configuration" "archive" {
  bucket = aws_s3_bucket.archive.id

  rule {
    id     = "old-versions-to-glacier"
    status = "Enabled"

    filter {}

    noncurrent_version_transition {
      noncurrent_days = 30
      storage_class   = "GLACIER"
    }
  }
}

# An expiring rule that also moves noncurrent versions: a one-day noncurrent
# expiration beside it would come before the transition (S3 rejects that).
resource "aws_s3_bucket" "reports" {
  bucket = "example-reports"
}

resource "aws_s3_bucket_lifecycle_configuration" "reports" {
  bucket = aws_s3_bucket.reports.id

  rule {
    id     = "reports"
    status = "Enabled"

    filter {}

    expiration {
      days = 365
    }

    noncurrent_version_transition {
      noncurrent_days = 30
      storage_class   = "STANDARD_IA"
    }
  }
}

# A whole-bucket rule that expires noncurrent versions itself: versioning is added,
# the author's days stand.
resource "aws_s3_bucket" "kept" {
  bucket = "example-kept"
}

resource "aws_s3_bucket_lifecycle_configuration" "kept" {
  bucket = aws_s3_bucket.kept.id

  rule {
    id     = "versions"
    status = "Enabled"

    filter {}

    noncurrent_version_transition {
      noncurrent_days = 30
      storage_class   = "GLACIER"
    }

    noncurrent_version_expiration {
      noncurrent_days = 3650
    }
  }
}
