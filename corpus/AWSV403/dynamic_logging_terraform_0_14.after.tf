# A reusable module that admits Terraform 0.14 (required_version), whose logging comes
# from a list: the new resource exists where the list has its element and reads it by
# index, as one() (which would say the same) exists only from Terraform 0.15.
terraform {
  required_version = ">= 0.14, < 1.2.0"

  required_providers {
    aws = {
      source  = "hashicorp/aws"
      version = ">= 3.75"
    }
  }
}

variable "bucket_name" {
  type = string
}

variable "logging" {
  type = list(object({
    target_bucket = string
    target_prefix = string
  }))
  default = []
}

resource "aws_s3_bucket" "b" {
  bucket = var.bucket_name

  lifecycle {
    ignore_changes = [logging]
  }
}

resource "aws_s3_bucket_logging" "b" {
  count = length(var.logging) > 0 ? 1 : 0

  bucket        = aws_s3_bucket.b.id
  target_bucket = [for v in var.logging : v][0].target_bucket
  target_prefix = [for v in var.logging : v][0].target_prefix == null ? "" : [for v in var.logging : v][0].target_prefix
}
