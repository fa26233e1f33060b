variable "lifecycle_rules" {
  type    = any
  default = []
}

resource "aws_s3_bucket" "this" {
  bucket = "dynamic-rules"

  lifecycle {
    ignore_changes = [lifecycle_rule]
  }
}

resource "aws_s3_bucket_lifecycle_configuration" "this" {
  count = length(var.lifecycle_rules) > 0 ? 1 : 0

  bucket = aws_s3_bucket.this.id

  dynamic "rule" {
    for_each = var.lifecycle_rules
    iterator = lifecycle_rule

    content {
      id     = coalesce(lookup(lifecycle_rule.value, "id", null), "rule-1-${lifecycle_rule.key}")
      status = lifecycle_rule.value.enabled ? "Enabled" : "Disabled"

      filter {
        prefix = lookup(lifecycle_rule.value, "prefix", null)
      }
    }
  }
}

resource "aws_s3_bucket" "plain" {
  bucket = "plain-rules"

  lifecycle {
    ignore_changes = [lifecycle_rule]
  }
}

resource "aws_s3_bucket_lifecycle_configuration" "plain" {
  bucket = aws_s3_bucket.plain.id

  rule {
    id     = "all"
    status = "Enabled"

    filter {}

    abort_incomplete_multipart_upload {
      days_after_initiation = 3
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
