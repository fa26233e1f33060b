# Prefixes read out of inputs: null where an optional() attribute is not set or a
# caller passes null, which lookup()'s default and try()'s fallback do not catch.
terraform {
  required_providers {
    aws = {
      source  = "hashicorp/aws"
      version = ">= 4.0"
    }
  }
}

# A typed input whose target_prefix is optional(): unset means null (Terraform >= 1.3)
variable "logging" {
  type = object({
    target_bucket = string
    target_prefix = optional(string)
  })
  default = null
}

# same shape as public module unknown__fs12434249228 (try(..., null))
resource "aws_s3_bucket" "b" {
  bucket = "b"

  dynamic "logging" {
    for_each = var.logging == null ? [] : [var.logging]
    content {
      target_bucket = logging.value.target_bucket
      target_prefix = try(logging.value.target_prefix, null)
    }
  }
}

# plain read of the optional attribute
resource "aws_s3_bucket" "a" {
  bucket = "a"

  dynamic "logging" {
    for_each = var.logging == null ? [] : [var.logging]
    content {
      target_bucket = logging.value.target_bucket
      target_prefix = logging.value.target_prefix
    }
  }
}

# lookup(x, "prefix", null) where the key is always present and its value may be null
# (public module in/unknown__fs37012099940__kms-bucket-logging-local: its variables.tf has
#  bucket_access_logging_prefix default = null, "Optional target prefix")
variable "bucket_access_logging_bucket" {
  type    = string
  default = null
}
variable "bucket_access_logging_prefix" {
  type    = string
  default = null
}
locals {
  logging = var.bucket_access_logging_bucket == null ? [] : [{
    bucket = var.bucket_access_logging_bucket
    prefix = var.bucket_access_logging_prefix
  }]
}
resource "aws_s3_bucket" "e" {
  bucket = "e"

  dynamic "logging" {
    iterator = log
    for_each = local.logging

    content {
      target_bucket = log.value.bucket
      target_prefix = lookup(log.value, "prefix", null)
    }
  }
}
