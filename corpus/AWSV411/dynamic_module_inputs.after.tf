# The object lock inputs of a reusable bucket module (provider v3 style).
variable "bucket" {
  type = string
}

variable "object_lock_configuration" {
  description = "Map with object_lock_enabled (\"Enabled\") and an optional rule: { default_retention = { mode, days, years } }."
  type        = any
  default     = {}
}

resource "aws_s3_bucket" "this" {
  bucket              = var.bucket
  object_lock_enabled = length(keys(var.object_lock_configuration)) != 0
}

resource "aws_s3_bucket_object_lock_configuration" "this" {
  count = length(keys(var.object_lock_configuration)) != 0 && length(keys(lookup(var.object_lock_configuration, "rule", {}))) != 0 ? 1 : 0

  bucket = aws_s3_bucket.this.id

  rule {
    default_retention {
      mode  = lookup(lookup((lookup(var.object_lock_configuration, "rule", {})), "default_retention", {}), "mode")
      days  = lookup(lookup((lookup(var.object_lock_configuration, "rule", {})), "default_retention", {}), "days", null)
      years = lookup(lookup((lookup(var.object_lock_configuration, "rule", {})), "default_retention", {}), "years", null)
    }
  }
}

terraform {
  required_providers {
    aws = {
      source  = "hashicorp/aws"
      version = ">= 4.5"
    }
  }
}
