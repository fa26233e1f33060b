# An aws_s3_bucket_replication_configuration the author already wrote, between two
# buckets whose versioning is inline: S3 refuses the replication until both are
# versioned, and the bucket references ordered it after their versioning. With the
# versioning moved, the replication waits for both new resources.
terraform {
  required_providers {
    aws = {
      source  = "hashicorp/aws"
      version = "~> 4.0"
    }
  }
}

provider "aws" {
  region = "eu-west-1"
}

resource "aws_s3_bucket" "src" {
  bucket = "example-replication-src"

  versioning {
    enabled = true
  }
}

resource "aws_s3_bucket" "dst" {
  bucket = "example-replication-dst"

  versioning {
    enabled = true
  }
}

resource "aws_s3_bucket_replication_configuration" "src" {
  bucket = aws_s3_bucket.src.id
  role   = "arn:aws:iam::123456789012:role/replication"

  rule {
    id     = "all"
    status = "Enabled"

    destination {
      bucket = aws_s3_bucket.dst.arn
    }
  }
}
