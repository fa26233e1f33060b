terraform {
  required_providers {
    aws = {
      source  = "hashicorp/aws"
      version = "~> 3.0"
    }
  }
}

provider "aws" {
  region = "us-east-1"
}

resource "aws_kms_key" "s3" {
  description         = "S3 bucket key"
  enable_key_rotation = true
}

resource "aws_s3_bucket" "uploads" {
  bucket = "csye6225-uploads"
  acl    = "private"

  server_side_encryption_configuration {
    rule {
      apply_server_side_encryption_by_default {
        kms_master_key_id = aws_kms_key.s3.arn
        sse_algorithm     = "aws:kms"
      }
    }
  }

  lifecycle_rule {
    id      = "long-term"
    enabled = true
    prefix  = "uploads/"

    transition {
      days          = 30
      storage_class = "STANDARD_IA"
    }
  }
}
