variable "name" {
  type = string
}

variable "lifecycle_rules" {
  type    = any
  default = []
}

resource "aws_s3_bucket" "this" {
  bucket = var.name

  versioning {
    enabled = true
  }

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
      id     = "rule-1-${lifecycle_rule.key}"
      status = lifecycle_rule.value.enabled ? "Enabled" : "Disabled"

      filter {
        prefix = lifecycle_rule.value.prefix
      }

      dynamic "transition" {
        for_each = lifecycle_rule.value.current_version_transitions
        content {
          storage_class = transition.value.storage_class
          days          = transition.value.days
        }
      }

      dynamic "noncurrent_version_transition" {
        for_each = lifecycle_rule.value.noncurrent_version_transitions

        content {
          storage_class   = noncurrent_version_transition.value.storage_class
          noncurrent_days = noncurrent_version_transition.value.days
        }
      }

      dynamic "expiration" {
        for_each = lifecycle_rule.value.current_version_expiration_days == null ? [] : [lifecycle_rule.value.current_version_expiration_days]
        content {
          days = expiration.value
        }
      }

      dynamic "noncurrent_version_expiration" {
        for_each = lifecycle_rule.value.noncurrent_version_expiration_days == null ? [] : [lifecycle_rule.value.noncurrent_version_expiration_days]

        content {
          noncurrent_days = noncurrent_version_expiration.value
        }
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
