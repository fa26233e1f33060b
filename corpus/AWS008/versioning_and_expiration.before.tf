# A deployment: it configures its provider.
provider "aws" {
  region = "eu-west-1"
}

variable "retention_days" {
  type = number
}

# Expires temporary files after 7 days: versioning must expire the noncurrent copies too,
# a day after (not 7 days more: the author keeps these files 7 days).
resource "aws_s3_bucket" "scratch" {
  bucket = "acme-scratch"
}

resource "aws_s3_bucket_lifecycle_configuration" "scratch" {
  # (Kept in HCL by the JSON-split test: tffix writes no second rule into the one
  # rule object of a JSON configuration, and says so.)
  bucket = aws_s3_bucket.scratch.id

  rule {
    id     = "expire-tmp"
    status = "Enabled"

    filter {
      prefix = "tmp/"
    }

    expiration {
      days = 7
    }
  }
}

# Provider v3 style, inline.
resource "aws_s3_bucket" "exports" {
  bucket = "acme-exports"

  lifecycle_rule {
    id      = "expire"
    enabled = true

    expiration {
      days = 30
    }
  }
}

# Expiry from a variable without a default: which days to keep versions is not known.
resource "aws_s3_bucket" "reports" {
  bucket = "acme-reports"
}

resource "aws_s3_bucket_lifecycle_configuration" "reports" {
  bucket = aws_s3_bucket.reports.id

  rule {
    id     = "retention"
    status = "Enabled"

    filter {}

    expiration {
      days = var.retention_days
    }
  }
}

# Already expires noncurrent versions: versioning is fine.
resource "aws_s3_bucket" "media" {
  bucket = "acme-media"
}

resource "aws_s3_bucket_lifecycle_configuration" "media" {
  bucket = aws_s3_bucket.media.id

  rule {
    id     = "expire"
    status = "Enabled"

    filter {}

    expiration {
      days = 90
    }

    noncurrent_version_expiration {
      noncurrent_days = 30
    }
  }
}
