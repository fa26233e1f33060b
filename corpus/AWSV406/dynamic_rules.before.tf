variable "lifecycle_rules" {
  type    = any
  default = []
}

resource "aws_s3_bucket" "this" {
  bucket = "dynamic-rules"

  dynamic "lifecycle_rule" {
    for_each = var.lifecycle_rules
    content {
      id      = lookup(lifecycle_rule.value, "id", null)
      prefix  = lookup(lifecycle_rule.value, "prefix", null)
      enabled = lifecycle_rule.value.enabled
    }
  }
}

resource "aws_s3_bucket" "plain" {
  bucket = "plain-rules"

  lifecycle_rule {
    id      = "all"
    enabled = true

    abort_incomplete_multipart_upload_days = 3
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
