resource "aws_s3_bucket" "secure" {
  bucket = "secure-bucket-123456"

  tags = {
    Name = "secure"
  }
}

# CKV_AWS_21: versioning keeps every version of the state.
# required by the backup policy
# mfa_delete = true   # needs the root account's MFA device: set by hand
resource "aws_s3_bucket_versioning" "secure" {
  bucket = aws_s3_bucket.secure.id

  versioning_configuration {
    status = "Enabled"
  }
}

resource "aws_s3_bucket" "scratch" {
  bucket = "scratch-bucket-123456"

  // SI-12: scratch data is not versioned.
}

resource "aws_s3_bucket" "first" {
  bucket = "first-bucket-123456"
}

# versioning first
resource "aws_s3_bucket_versioning" "first" {
  bucket = aws_s3_bucket.first.id

  versioning_configuration {
    status = "Enabled"
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
