variable "enabled" {
  type    = bool
  default = true
}

variable "logging" {
  type = object({
    bucket_name = string
    prefix      = string
  })
  default = null
}

resource "aws_s3_bucket" "default" {
  count  = var.enabled ? 1 : 0
  bucket = "example-logged"

  lifecycle {
    ignore_changes = [logging]
  }
}

resource "aws_s3_bucket_logging" "default" {
  count = var.logging != null ? (var.enabled ? 1 : 0) : 0

  bucket        = aws_s3_bucket.default[count.index].id
  target_bucket = var.logging.bucket_name
  target_prefix = var.logging.prefix == null ? "" : var.logging.prefix
}

terraform {
  required_providers {
    aws = {
      source  = "hashicorp/aws"
      version = ">= 3.75"
    }
  }
}
