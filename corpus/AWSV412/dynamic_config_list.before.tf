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

  dynamic "replication_configuration" {
    for_each = var.replication_configuration
    content {
      role = replication_configuration.value.s3_replication_role_arn
      dynamic "rules" {
        for_each = replication_configuration.value.rules
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
