# terraformer writes abort_incomplete_multipart_upload_days = "0" for a rule without the
# action: provider v3 sent the action only above 0 days.
terraform {
  required_providers {
    aws = {
      source  = "hashicorp/aws"
      version = "~> 4.0"
    }
  }
}
provider "aws" {
  region = "us-east-1"
}
resource "aws_s3_bucket" "num" {
  bucket = "num"
}

resource "aws_s3_bucket_lifecycle_configuration" "num" {
  bucket = aws_s3_bucket.num.id

  rule {
    id     = "a"
    status = "Enabled"

    filter {}

    expiration {
      days = 30
    }
  }
}

resource "aws_s3_bucket" "str" {
  bucket = "str"
}

resource "aws_s3_bucket_lifecycle_configuration" "str" {
  bucket = aws_s3_bucket.str.id

  rule {
    id     = "a"
    status = "Enabled"

    filter {}

    expiration {
      days                         = "30"
      expired_object_delete_marker = "false"
    }
  }
}

resource "aws_s3_bucket" "zero_expiration" {
  bucket = "zero-expiration"

  lifecycle_rule {
    id      = "a"
    enabled = true

    noncurrent_version_expiration {
      days = 0
    }
  }
}
