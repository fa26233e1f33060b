variable "replication_configuration" {
  type    = any
  default = {}
}

resource "aws_s3_bucket" "dynamic" {
  bucket = "acme-dynamic"

  lifecycle {
    ignore_changes = [replication_configuration]
  }
}

resource "aws_s3_bucket_replication_configuration" "dynamic" {
  count = length(keys(var.replication_configuration)) != 0 ? 1 : 0

  bucket = aws_s3_bucket.dynamic.id
  role   = var.replication_configuration.role

  dynamic "rule" {
    for_each = var.replication_configuration.rules
    iterator = rules

    content {
      id     = rules.value.id
      status = rules.value.status

      destination {
        bucket = rules.value.destination_bucket
      }
    }
  }
}

resource "aws_s3_bucket" "computed_rules" {
  bucket = "acme-computed"

  lifecycle {
    ignore_changes = [replication_configuration]
  }
}

resource "aws_s3_bucket_replication_configuration" "computed_rules" {
  bucket = aws_s3_bucket.computed_rules.id
  role   = var.role

  dynamic "rule" {
    for_each = var.rules
    iterator = rules

    content {
      id     = rules.value.id
      status = "Enabled"

      destination {
        bucket = rules.value.bucket
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
