resource "aws_s3_bucket" "receiver" {
  bucket = "ops-s3-receiver-123456"

  versioning {
    enabled = "true"
  }
}

resource "aws_s3_bucket" "interview" {
  bucket = "interview-bucket-123456"

  versioning {
    enabled    = "true"
    mfa_delete = "false"
  }
}

resource "aws_s3_bucket" "scratch" {
  bucket = "scratch-bucket-123456"

  versioning {
    enabled = "false"
  }
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
