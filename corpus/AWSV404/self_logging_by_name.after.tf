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
}

resource "aws_s3_bucket_logging" "logs" {
  bucket        = aws_s3_bucket.logs.id
  target_bucket = "${local.base_bucket_name}-logging"
  target_prefix = "self/"

  depends_on = [aws_s3_bucket_acl.logs]
}

resource "aws_s3_bucket_ownership_controls" "logs" {
  bucket = aws_s3_bucket.logs.id

  rule {
    object_ownership = "ObjectWriter"
  }
}

resource "aws_s3_bucket_acl" "logs" {
  bucket = aws_s3_bucket.logs.id
  acl    = "log-delivery-write"

  depends_on = [aws_s3_bucket_ownership_controls.logs]
}

# Another bucket that logs there by its literal name.
resource "aws_s3_bucket" "app" {
  bucket = "cmmc-app-data"
}

resource "aws_s3_bucket_logging" "app" {
  bucket        = aws_s3_bucket.app.id
  target_bucket = "cmmc-app-logging"
  target_prefix = "app/"

  depends_on = [aws_s3_bucket_acl.logs]
}
