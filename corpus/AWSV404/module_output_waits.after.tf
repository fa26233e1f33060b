# A log bucket module: callers turn on access logging into the bucket it hands out.
terraform {
  required_providers {
    aws = {
      source  = "hashicorp/aws"
      version = ">= 4.0"
    }
  }
}

variable "name" {
  type = string
}

resource "aws_s3_bucket" "this" {
  bucket = var.name
}

resource "aws_s3_bucket_ownership_controls" "this" {
  bucket = aws_s3_bucket.this.id

  rule {
    object_ownership = "ObjectWriter"
  }
}

resource "aws_s3_bucket_acl" "this" {
  bucket = aws_s3_bucket.this.id
  acl    = "log-delivery-write"

  depends_on = [aws_s3_bucket_ownership_controls.this]
}

output "bucket_id" {
  value = aws_s3_bucket.this.id

  depends_on = [aws_s3_bucket_acl.this]
}

# Not the bucket itself: known once the bucket is, as before.
output "bucket_region" {
  value = aws_s3_bucket.this.region
}
