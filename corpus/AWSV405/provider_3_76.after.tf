# A root module on provider 3.76: it has aws_s3_bucket_policy, but its
# aws_s3_bucket still manages policy (4.0 made it computed) and would delete
# the bucket policy once the argument is gone: the bucket ignores it.
terraform {
  required_version = ">= 1.6"

  required_providers {
    aws = {
      source  = "hashicorp/aws"
      version = "~> 3.76"
    }
  }
}

provider "aws" {
  region = "eu-west-1"
}

resource "aws_s3_bucket" "site" {
  bucket = "example-site-content"

  lifecycle {
    ignore_changes = [policy]
  }
}

resource "aws_s3_bucket_policy" "site" {
  bucket = aws_s3_bucket.site.id

  policy = jsonencode({
    Version = "2012-10-17"
    Statement = [{
      Sid       = "CrossAccountRead"
      Effect    = "Allow"
      Principal = { AWS = "arn:aws:iam::111122223333:root" }
      Action    = "s3:GetObject"
      Resource  = "arn:aws:s3:::example-site-content/*"
    }]
  })
}
