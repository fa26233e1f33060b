terraform {
  required_providers {
    aws = {
      source  = "hashicorp/aws"
      version = "~> 4.0"
    }
  }
}

locals {
  base_bucket_name = "cmmc-app"
}

# A bucket that receives its own access logs, named by the same expression as its
# bucket argument rather than by a reference.
resource "aws_s3_bucket" "logs" {
  bucket = "${local.base_bucket_name}-logging"
  acl    = "log-delivery-write"
}

resource "aws_s3_bucket_logging" "logs" {
  bucket        = aws_s3_bucket.logs.id
  target_bucket = "${local.base_bucket_name}-logging"
  target_prefix = "self/"
}

# Another bucket that logs there by its literal name.
resource "aws_s3_bucket" "app" {
  bucket = "cmmc-app-data"
}

resource "aws_s3_bucket_logging" "app" {
  bucket        = aws_s3_bucket.app.id
  target_bucket = "cmmc-app-logging"
  target_prefix = "app/"
}
