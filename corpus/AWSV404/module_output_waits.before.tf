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
  acl    = "log-delivery-write"
}

output "bucket_id" {
  value = aws_s3_bucket.this.id
}

# Not the bucket itself: known once the bucket is, as before.
output "bucket_region" {
  value = aws_s3_bucket.this.region
}
