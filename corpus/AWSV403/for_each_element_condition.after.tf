terraform {
  required_providers {
    aws = {
      source  = "hashicorp/aws"
      version = "~> 4.9"
    }
  }
}
provider "aws" {
  region = "us-east-1"
}
resource "aws_s3_bucket" "logs" {
  bucket_prefix = "logs-"
}
locals {
  buckets = {
    data    = { logging_bucket = aws_s3_bucket.logs.id }
    scratch = { logging_bucket = null }
  }
}
resource "aws_s3_bucket" "this" {
  for_each = local.buckets
  bucket   = "example-${each.key}"
  dynamic "logging" {
    for_each = each.value.logging_bucket == null ? [] : [each.value.logging_bucket]
    content {
      target_bucket = logging.value
      target_prefix = "${each.key}/"
    }
  }
}
