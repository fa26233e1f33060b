# Companions that exist but turn off what AWS008 adds: a public access block
# with settings false (or left out, false by default) and versioning
# suspended. Their author's choice, left as it is, and reported (as AWS003
# reports an explicit enable_key_rotation = false).
provider "aws" {
  region = "eu-west-1"
}

resource "aws_s3_bucket" "b" {
  bucket = "acme-partial-123"
}

resource "aws_s3_bucket_public_access_block" "b" {
  bucket                  = aws_s3_bucket.b.id
  block_public_acls       = true
  block_public_policy     = false
  ignore_public_acls      = true
  restrict_public_buckets = false
}

resource "aws_s3_bucket_versioning" "b" {
  bucket = aws_s3_bucket.b.id

  versioning_configuration {
    status = "Suspended"
  }
}

resource "aws_s3_bucket_server_side_encryption_configuration" "b" {
  bucket = aws_s3_bucket.b.id

  rule {
    apply_server_side_encryption_by_default {
      sse_algorithm = "AES256"
    }
  }
}

resource "aws_s3_bucket" "partial" {
  bucket = "acme-partial-block-123"
}

resource "aws_s3_bucket_versioning" "partial" {
  bucket = aws_s3_bucket.partial.id

  versioning_configuration {
    status = "Enabled"
  }
}

resource "aws_s3_bucket_server_side_encryption_configuration" "partial" {
  bucket = aws_s3_bucket.partial.id

  rule {
    apply_server_side_encryption_by_default {
      sse_algorithm = "aws:kms"
    }
    bucket_key_enabled = true
  }
}

resource "aws_s3_bucket_lifecycle_configuration" "partial" {
  bucket = aws_s3_bucket.partial.id

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

  depends_on = [aws_s3_bucket_versioning.partial]
}

resource "aws_s3_bucket_public_access_block" "partial" {
  bucket            = aws_s3_bucket.partial.id
  block_public_acls = true
}
