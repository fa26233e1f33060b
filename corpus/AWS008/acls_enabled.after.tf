# Ownership controls that enable ACLs (BucketOwnerPreferred, ObjectWriter):
# objects may be written with public ACLs (a web app uploading public-read
# files), which a public access block would refuse or ignore, and writers of
# other accounts may not use the AWS managed key: who writes is a fact the
# module does not show. No block, SSE-S3, a finding. With BucketOwnerEnforced
# ACLs are off, and the bucket gets its companions.
provider "aws" {
  region = "eu-west-1"
}

resource "aws_s3_bucket" "media" {
  # checkov:skip=CKV_AWS_145:AES256 on purpose: the bucket may be public (its ownership controls (aws_s3_bucket_ownership_controls.media) enable ACLs (object_ownership = BucketOwnerPreferred), so objects may be written with public ACLs, which a public access block would refuse or ignore), and outside readers cannot decrypt SSE-KMS objects (tffix AWS008)
  bucket = "acme-user-media-123"
}

resource "aws_s3_bucket_versioning" "media" {
  bucket = aws_s3_bucket.media.id

  versioning_configuration {
    status = "Enabled"
  }
}

resource "aws_s3_bucket_server_side_encryption_configuration" "media" {
  bucket = aws_s3_bucket.media.id

  rule {
    apply_server_side_encryption_by_default {
      sse_algorithm = "AES256"
    }
  }
}

resource "aws_s3_bucket_lifecycle_configuration" "media" {
  bucket = aws_s3_bucket.media.id

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

  depends_on = [aws_s3_bucket_versioning.media]
}

resource "aws_s3_bucket_ownership_controls" "media" {
  bucket = aws_s3_bucket.media.id
  rule {
    object_ownership = "BucketOwnerPreferred"
  }
}

resource "aws_s3_bucket_acl" "media" {
  depends_on = [aws_s3_bucket_ownership_controls.media]
  bucket     = aws_s3_bucket.media.id
  acl        = "private"
}

resource "aws_s3_bucket_cors_configuration" "media" {
  bucket = aws_s3_bucket.media.id
  cors_rule {
    allowed_methods = ["GET", "PUT"]
    allowed_origins = ["https://app.example.com"]
    allowed_headers = ["*"]
  }
}

resource "aws_s3_bucket" "enforced" {
  bucket = "acme-enforced-123"
}

resource "aws_s3_bucket_public_access_block" "enforced" {
  bucket = aws_s3_bucket.enforced.id

  block_public_acls       = true
  block_public_policy     = true
  ignore_public_acls      = true
  restrict_public_buckets = true
}

resource "aws_s3_bucket_versioning" "enforced" {
  bucket = aws_s3_bucket.enforced.id

  versioning_configuration {
    status = "Enabled"
  }
}

resource "aws_s3_bucket_server_side_encryption_configuration" "enforced" {
  bucket = aws_s3_bucket.enforced.id

  rule {
    apply_server_side_encryption_by_default {
      sse_algorithm = "aws:kms"
    }
    bucket_key_enabled = true
  }
}

resource "aws_s3_bucket_lifecycle_configuration" "enforced" {
  bucket = aws_s3_bucket.enforced.id

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

  depends_on = [aws_s3_bucket_versioning.enforced]
}

resource "aws_s3_bucket_ownership_controls" "enforced" {
  bucket = aws_s3_bucket.enforced.id

  rule {
    object_ownership = "BucketOwnerEnforced"
  }
}
