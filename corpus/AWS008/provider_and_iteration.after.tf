provider "aws" {
  alias  = "replica"
  region = "us-west-2"
}

variable "regions_enabled" {
  type    = bool
  default = true
}

variable "tenants" {
  type    = set(string)
  default = ["blue", "green"]
}

# Both live in the replica region: their companions must too.
resource "aws_s3_bucket" "replica" {
  provider = aws.replica
  count    = var.regions_enabled ? 1 : 0
  bucket   = "acme-replica"
}

resource "aws_s3_bucket_public_access_block" "replica" {
  provider = aws.replica
  count    = var.regions_enabled ? 1 : 0

  bucket = aws_s3_bucket.replica[count.index].id

  block_public_acls       = true
  block_public_policy     = true
  ignore_public_acls      = true
  restrict_public_buckets = true
}

resource "aws_s3_bucket_versioning" "replica" {
  provider = aws.replica
  count    = var.regions_enabled ? 1 : 0

  bucket = aws_s3_bucket.replica[count.index].id

  versioning_configuration {
    status = "Enabled"
  }
}

resource "aws_s3_bucket_server_side_encryption_configuration" "replica" {
  provider = aws.replica
  count    = var.regions_enabled ? 1 : 0

  bucket = aws_s3_bucket.replica[count.index].id

  rule {
    apply_server_side_encryption_by_default {
      sse_algorithm = "aws:kms"
    }
    bucket_key_enabled = true
  }
}

resource "aws_s3_bucket_lifecycle_configuration" "replica" {
  provider = aws.replica
  count    = var.regions_enabled ? 1 : 0

  bucket = aws_s3_bucket.replica[count.index].id

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

resource "aws_s3_bucket" "tenant" {
  provider = aws.replica
  for_each = var.tenants
  bucket   = "acme-tenant-${each.key}"
}

resource "aws_s3_bucket_public_access_block" "tenant" {
  provider = aws.replica
  for_each = aws_s3_bucket.tenant

  bucket = aws_s3_bucket.tenant[each.key].id

  block_public_acls       = true
  block_public_policy     = true
  ignore_public_acls      = true
  restrict_public_buckets = true
}

resource "aws_s3_bucket_versioning" "tenant" {
  provider = aws.replica
  for_each = aws_s3_bucket.tenant

  bucket = aws_s3_bucket.tenant[each.key].id

  versioning_configuration {
    status = "Enabled"
  }
}

resource "aws_s3_bucket_server_side_encryption_configuration" "tenant" {
  provider = aws.replica
  for_each = aws_s3_bucket.tenant

  bucket = aws_s3_bucket.tenant[each.key].id

  rule {
    apply_server_side_encryption_by_default {
      sse_algorithm = "aws:kms"
    }
    bucket_key_enabled = true
  }
}

resource "aws_s3_bucket_lifecycle_configuration" "tenant" {
  provider = aws.replica
  for_each = aws_s3_bucket.tenant

  bucket = aws_s3_bucket.tenant[each.key].id

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

  depends_on = [aws_s3_bucket_versioning.tenant]
}
