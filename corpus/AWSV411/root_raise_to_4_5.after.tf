# A root module on "~> 4.0": the bucket's top-level object_lock_enabled came with
# provider 4.5.0, so the raised constraint is "~> 4.5", not "~> 4.0".
terraform {
  required_providers {
    aws = {
      source  = "hashicorp/aws"
      version = "~> 4.5"
    }
  }
}

provider "aws" {
  region = "eu-west-1"
}

resource "aws_s3_bucket" "records" {
  bucket              = "acme-records"
  object_lock_enabled = true
}

resource "aws_s3_bucket_object_lock_configuration" "records" {
  bucket = aws_s3_bucket.records.id

  rule {
    default_retention {
      mode = "GOVERNANCE"
      days = 30
    }
  }
}
