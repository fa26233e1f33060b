variable "enabled" {
  type    = bool
  default = true
}

variable "prefix" {
  type    = string
  default = ""
}

variable "lifecycle_tags" {
  type    = map(string)
  default = {}
}

variable "abort_incomplete_multipart_upload_days" {
  type    = number
  default = 5
}

variable "enable_glacier_transition" {
  type    = bool
  default = true
}

variable "buckets" {
  type = map(object({
    rules = list(object({
      id     = string
      prefix = string
      days   = number
    }))
  }))
}

resource "aws_s3_bucket" "default" {
  count  = var.enabled ? 1 : 0
  bucket = "example-default"

  lifecycle {
    ignore_changes = [lifecycle_rule]
  }
}

resource "aws_s3_bucket_lifecycle_configuration" "default" {
  count = var.enabled ? 1 : 0

  bucket = aws_s3_bucket.default[count.index].id

  rule {
    id     = "default"
    status = "Enabled"

    filter {
      prefix = try(length(var.lifecycle_tags), 0) > 0 ? null : var.prefix

      dynamic "and" {
        for_each = try(length(var.lifecycle_tags), 0) > 0 ? [1] : []

        content {
          prefix = var.prefix
          tags   = var.lifecycle_tags
        }
      }
    }

    dynamic "abort_incomplete_multipart_upload" {
      for_each = coalesce(var.abort_incomplete_multipart_upload_days, 0) > 0 ? [var.abort_incomplete_multipart_upload_days] : []

      content {
        days_after_initiation = abort_incomplete_multipart_upload.value
      }
    }

    dynamic "noncurrent_version_transition" {
      for_each = var.enable_glacier_transition ? [1] : []

      content {
        noncurrent_days = 30
        storage_class   = "GLACIER"
      }
    }

    expiration {
      days = 90
    }
  }
}

resource "aws_s3_bucket" "team" {
  for_each = var.buckets
  bucket   = "example-${each.key}"

  lifecycle {
    ignore_changes = [lifecycle_rule]
  }
}

resource "aws_s3_bucket_lifecycle_configuration" "team" {
  for_each = { for k, v in var.buckets : k => v if length(v.rules) > 0 }

  bucket = aws_s3_bucket.team[each.key].id

  dynamic "rule" {
    for_each = each.value.rules

    content {
      id     = rule.value.id
      status = "Enabled"

      filter {
        prefix = rule.value.prefix
      }

      expiration {
        days = rule.value.days
      }
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
