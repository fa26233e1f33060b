variable "name" {
  type = string
}

variable "replication_configuration" {
  type    = any
  default = []
}

resource "aws_s3_bucket" "this" {
  bucket = var.name

  versioning {
    enabled = true
  }

  lifecycle {
    ignore_changes = [replication_configuration]
  }
}

resource "aws_s3_bucket_replication_configuration" "this" {
  count = length(var.replication_configuration) > 0 ? 1 : 0

  bucket = aws_s3_bucket.this.id
  role   = one([for v in var.replication_configuration : v]).s3_replication_role_arn

  dynamic "rule" {
    for_each = one([for v in var.replication_configuration : v]).rules
    iterator = rules

    content {
      status = rules.value.status

      dynamic "destination" {
        for_each = rules.value.destination

        content {
          bucket        = destination.value.bucket
          storage_class = destination.value.storage_class
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
