resource "aws_s3_bucket" "receiver" {
  bucket = "ops-s3-receiver-123456"
}

resource "aws_s3_bucket_versioning" "receiver" {
  bucket = aws_s3_bucket.receiver.id

  versioning_configuration {
    status = "Enabled"
  }
}

resource "aws_s3_bucket" "interview" {
  bucket = "interview-bucket-123456"
}

resource "aws_s3_bucket_versioning" "interview" {
  bucket = aws_s3_bucket.interview.id

  versioning_configuration {
    status     = "Enabled"
    mfa_delete = "Disabled"
  }
}

resource "aws_s3_bucket" "scratch" {
  bucket = "scratch-bucket-123456"
}

resource "aws_s3_bucket" "other" {
  bucket = "other-bucket-123456"

  versioning {
    enabled = "yes"
  }
}

terraform {
  required_providers {
    aws = {
      source  = "hashicorp/aws"
      version = ">= 3.75"
    }
  }
}
