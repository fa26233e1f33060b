variable "expiring_tags" {
  description = "Objects with all of these tags expire (none: every object)"
  type        = map(string)
  default     = {}
}

resource "aws_s3_bucket" "exports" {
  bucket = "example-exports"

  lifecycle {
    ignore_changes = [lifecycle_rule]
  }
}

resource "aws_s3_bucket_lifecycle_configuration" "exports" {
  bucket = aws_s3_bucket.exports.id

  rule {
    id     = "expire-tagged"
    status = "Enabled"

    filter {
      dynamic "and" {
        for_each = try(length(var.expiring_tags), 0) > 0 ? [1] : []

        content {
          prefix = ""
          tags   = var.expiring_tags
        }
      }
    }

    expiration {
      days = 30
    }
  }

  rule {
    id     = "expire-tmp"
    status = "Enabled"

    filter {
      prefix = try(length(var.expiring_tags), 0) > 0 ? null : "tmp/"

      dynamic "and" {
        for_each = try(length(var.expiring_tags), 0) > 0 ? [1] : []

        content {
          prefix = "tmp/"
          tags   = var.expiring_tags
        }
      }
    }

    expiration {
      days = 1
    }
  }
}

terraform {
  required_providers {
    aws = {
      source  = "hashicorp/aws"
      version = ">= 3.75"
    }
  }
}
