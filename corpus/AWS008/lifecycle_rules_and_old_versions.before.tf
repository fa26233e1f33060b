# A configuration whose rules move objects to colder storage but expire nothing: the rule
# versioning needs joins them, under an ID they do not use.
resource "aws_s3_bucket" "archive" {
  bucket = "company-archive"
}

resource "aws_s3_bucket_lifecycle_configuration" "archive" {
  bucket = aws_s3_bucket.archive.id

  rule {
    id     = "baseline"
    status = "Enabled"

    filter {
      prefix = "reports/"
    }

    transition {
      days          = 30
      storage_class = "STANDARD_IA"
    }
  }
}

# Uploads are aborted already, after the author's 2 days: the added rule leaves that alone.
resource "aws_s3_bucket" "uploads" {
  bucket = "company-uploads"
}

resource "aws_s3_bucket_lifecycle_configuration" "uploads" {
  bucket = aws_s3_bucket.uploads.id

  rule {
    id     = "abort-uploads"
    status = "Enabled"

    filter {}

    abort_incomplete_multipart_upload {
      days_after_initiation = 2
    }
  }
}

# Versioned long before this run, no lifecycle configuration: expiring noncurrent
# versions now would delete those kept so far, so a person decides.
resource "aws_s3_bucket" "ledger" {
  bucket = "company-ledger"

  versioning {
    enabled = true
  }
}

variable "versioning_status" {
  type = string
}

resource "aws_s3_bucket" "shared" {
  bucket = "company-shared"
}

resource "aws_s3_bucket_versioning" "shared" {
  bucket = aws_s3_bucket.shared.id

  versioning_configuration {
    status = var.versioning_status
  }
}

# Suspended: nothing to expire from now on, so nothing to report about lifecycle.
resource "aws_s3_bucket" "paused" {
  bucket = "company-paused"
}

resource "aws_s3_bucket_versioning" "paused" {
  bucket = aws_s3_bucket.paused.id

  versioning_configuration {
    status = "Suspended"
  }
}

terraform {
  backend "s3" {}
}

provider "aws" {}
