# A deployment: it configures its provider.
provider "aws" {
  region = "eu-west-1"
}

resource "aws_s3_bucket" "logs" {
  count  = var.enable_logs ? 1 : 0
  bucket = "logs"
}

resource "aws_s3_bucket_public_access_block" "logs" {
  count = var.enable_logs ? 1 : 0

  bucket = aws_s3_bucket.logs[count.index].id

  block_public_acls       = true
  block_public_policy     = true
  ignore_public_acls      = true
  restrict_public_buckets = true
}

resource "aws_s3_bucket_versioning" "logs" {
  count = var.enable_logs ? 1 : 0

  bucket = aws_s3_bucket.logs[count.index].id

  versioning_configuration {
    status = "Enabled"
  }
}

resource "aws_s3_bucket_server_side_encryption_configuration" "logs" {
  count = var.enable_logs ? 1 : 0

  bucket = aws_s3_bucket.logs[count.index].id

  rule {
    apply_server_side_encryption_by_default {
      sse_algorithm = "aws:kms"
    }
    bucket_key_enabled = true
  }
}

resource "aws_s3_bucket_lifecycle_configuration" "logs" {
  count = var.enable_logs ? 1 : 0

  bucket = aws_s3_bucket.logs[count.index].id

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

  depends_on = [aws_s3_bucket_versioning.logs]
}

resource "aws_s3_bucket" "per_env" {
  for_each = toset(var.environments)

  bucket = "data-${each.key}"
}

resource "aws_s3_bucket_public_access_block" "per_env" {
  for_each = aws_s3_bucket.per_env

  bucket = aws_s3_bucket.per_env[each.key].id

  block_public_acls       = true
  block_public_policy     = true
  ignore_public_acls      = true
  restrict_public_buckets = true
}

resource "aws_s3_bucket_versioning" "per_env" {
  for_each = aws_s3_bucket.per_env

  bucket = aws_s3_bucket.per_env[each.key].id

  versioning_configuration {
    status = "Enabled"
  }
}

resource "aws_s3_bucket_server_side_encryption_configuration" "per_env" {
  for_each = aws_s3_bucket.per_env

  bucket = aws_s3_bucket.per_env[each.key].id

  rule {
    apply_server_side_encryption_by_default {
      sse_algorithm = "aws:kms"
    }
    bucket_key_enabled = true
  }
}

resource "aws_s3_bucket_lifecycle_configuration" "per_env" {
  for_each = aws_s3_bucket.per_env

  bucket = aws_s3_bucket.per_env[each.key].id

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

  depends_on = [aws_s3_bucket_versioning.per_env]
}
