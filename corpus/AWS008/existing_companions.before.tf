resource "aws_s3_bucket" "data" {
  bucket = "company-data"
}

# Written in the seed with the wrong type; TF005 renames it.
resource "aws_s3_bucket_encryption_configuration" "data" {
  bucket = aws_s3_bucket.data.id

  rule {
    apply_server_side_encryption_by_default {
      sse_algorithm = "AES256"
    }
  }
}

resource "aws_s3_bucket_public_access_block" "by_name" {
  bucket = "company-data"

  block_public_acls       = true
  block_public_policy     = true
  ignore_public_acls      = true
  restrict_public_buckets = true
}

resource "aws_s3_bucket" "legacy" {
  bucket = "legacy-v3"
  acl    = "private"

  versioning {
    enabled = true
  }

  server_side_encryption_configuration {
    rule {
      apply_server_side_encryption_by_default {
        sse_algorithm = "AES256"
      }
    }
  }
}

provider "aws" {
  region = "eu-west-1"
}
