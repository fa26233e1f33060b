# Objects the module writes into a bucket whose default encryption (SSE-KMS) moves: S3
# encrypts an object with the default in force when it is written, and the bucket
# reference ordered the objects after it. Both objects now wait for the new resource
# (one already has a depends_on list, which gets it added).
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

resource "aws_kms_key" "code" {
  description         = "code artifacts"
  enable_key_rotation = true
}

resource "aws_s3_bucket" "code" {
  bucket = "example-code-artifacts"

  server_side_encryption_configuration {
    rule {
      apply_server_side_encryption_by_default {
        sse_algorithm     = "aws:kms"
        kms_master_key_id = aws_kms_key.code.arn
      }
      bucket_key_enabled = true
    }
  }
}

resource "aws_s3_bucket_object" "installer" {
  bucket = aws_s3_bucket.code.id
  key    = "installers/setup.sh"
  source = "setup.sh"
}

resource "aws_s3_object" "readme" {
  bucket  = aws_s3_bucket.code.bucket
  key     = "README.txt"
  content = "artifacts"

  depends_on = [aws_kms_key.code]
}
