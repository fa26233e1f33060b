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

  lifecycle_rule {
    id                                     = "default"
    enabled                                = true
    prefix                                 = var.prefix
    tags                                   = var.lifecycle_tags
    abort_incomplete_multipart_upload_days = var.abort_incomplete_multipart_upload_days

    dynamic "noncurrent_version_transition" {
      for_each = var.enable_glacier_transition ? [1] : []

      content {
        days          = 30
        storage_class = "GLACIER"
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

  dynamic "lifecycle_rule" {
    for_each = each.value.rules
    iterator = rule

    content {
      id      = rule.value.id
      enabled = true
      prefix  = rule.value.prefix

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
