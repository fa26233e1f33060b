variable "bucket_name" {
  type    = string
  default = "acme-archive"
}

locals {
  archive_id = aws_s3_bucket.archive.id
  buckets = {
    raw     = aws_s3_bucket.raw
    curated = aws_s3_bucket.curated
  }
}

resource "aws_s3_bucket" "archive" {
  bucket = var.bucket_name
}

resource "aws_s3_bucket_server_side_encryption_configuration" "archive" {
  bucket = aws_s3_bucket.archive.id

  rule {
    apply_server_side_encryption_by_default {
      sse_algorithm = "aws:kms"
    }
    bucket_key_enabled = true
  }
}

# Names the archive bucket through a local.
resource "aws_s3_bucket_versioning" "archive" {
  bucket = local.archive_id

  versioning_configuration {
    status = "Enabled"
  }
}

# Names it through the variable its name comes from.
resource "aws_s3_bucket_public_access_block" "archive" {
  bucket = var.bucket_name

  block_public_acls       = true
  block_public_policy     = true
  ignore_public_acls      = true
  restrict_public_buckets = true
}

resource "aws_s3_bucket" "raw" {
  bucket = "acme-raw"
}

resource "aws_s3_bucket_public_access_block" "raw" {
  bucket = aws_s3_bucket.raw.id

  block_public_acls       = true
  block_public_policy     = true
  ignore_public_acls      = true
  restrict_public_buckets = true
}

resource "aws_s3_bucket_server_side_encryption_configuration" "raw" {
  bucket = aws_s3_bucket.raw.id

  rule {
    apply_server_side_encryption_by_default {
      sse_algorithm = "aws:kms"
    }
    bucket_key_enabled = true
  }
}

resource "aws_s3_bucket" "curated" {
  bucket = "acme-curated"
}

# One for each bucket of the map.
resource "aws_s3_bucket_versioning" "lake" {
  for_each = local.buckets
  bucket   = each.value.id

  versioning_configuration {
    status = "Enabled"
  }
}

module "naming" {
  source = "./naming"
  bucket = aws_s3_bucket.curated.id
}

# May be the curated bucket: the module was given it and hands a name back.
resource "aws_s3_bucket_public_access_block" "from_module" {
  bucket = module.naming.bucket_id

  block_public_acls       = true
  block_public_policy     = true
  ignore_public_acls      = true
  restrict_public_buckets = true
}

provider "aws" {
  region = "eu-west-1"
}
