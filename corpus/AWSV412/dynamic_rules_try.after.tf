variable "enabled" {
  type    = bool
  default = true
}

variable "s3_replication_enabled" {
  type    = bool
  default = false
}

variable "s3_replica_bucket_arn" {
  type    = string
  default = ""
}

variable "replication_rules" {
  type    = list(any)
  default = null
}

resource "aws_s3_bucket" "default" {
  count  = var.enabled ? 1 : 0
  bucket = "example-replicated"

  versioning {
    enabled = true
  }

  lifecycle {
    ignore_changes = [replication_configuration]
  }
}

resource "aws_s3_bucket_replication_configuration" "default" {
  count = var.s3_replication_enabled ? (var.enabled ? 1 : 0) : 0

  bucket = aws_s3_bucket.default[count.index].id
  role   = aws_iam_role.replication[0].arn

  dynamic "rule" {
    for_each = var.replication_rules == null ? [] : var.replication_rules
    iterator = rules

    content {
      id       = rules.value.id
      priority = try(rules.value.priority, 0)
      status   = try(rules.value.status, null)

      delete_marker_replication {
        status = "Disabled"
      }

      filter {
        prefix = try(length(try(rules.value.filter.tags, {})), 0) > 0 ? null : try(rules.value.filter.prefix, null)

        dynamic "and" {
          for_each = try(length(try(rules.value.filter.tags, {})), 0) > 0 ? [1] : []

          content {
            prefix = try(rules.value.filter.prefix, null)
            tags   = try(rules.value.filter.tags, {})
          }
        }
      }

      destination {
        bucket        = var.s3_replica_bucket_arn
        storage_class = try(rules.value.destination.storage_class, "STANDARD")
        account       = try(rules.value.destination.account_id, null)

        dynamic "encryption_configuration" {
          for_each = try(rules.value.destination.replica_kms_key_id, null) == null ? [] : [try(rules.value.destination.replica_kms_key_id, null)]

          content {
            replica_kms_key_id = encryption_configuration.value
          }
        }

        dynamic "access_control_translation" {
          for_each = try(rules.value.destination.access_control_translation.owner, null) == null ? [] : [rules.value.destination.access_control_translation.owner]

          content {
            owner = access_control_translation.value
          }
        }
      }

      dynamic "source_selection_criteria" {
        for_each = try(rules.value.source_selection_criteria.sse_kms_encrypted_objects.enabled, null) == null ? [] : [rules.value.source_selection_criteria.sse_kms_encrypted_objects.enabled]

        content {
          sse_kms_encrypted_objects {
            status = source_selection_criteria.value ? "Enabled" : "Disabled"
          }
        }
      }
    }
  }
}

resource "aws_iam_role" "replication" {
  count              = var.s3_replication_enabled ? 1 : 0
  name               = "example-replication"
  assume_role_policy = file("${path.module}/replication-trust.json")
}

terraform {
  required_providers {
    aws = {
      source  = "hashicorp/aws"
      version = ">= 3.75"
    }
  }
}
