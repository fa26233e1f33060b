variable "replication_configuration" {
  type    = any
  default = {}
}

resource "aws_s3_bucket" "dynamic" {
  bucket = "acme-dynamic"

  dynamic "replication_configuration" {
    for_each = length(keys(var.replication_configuration)) == 0 ? [] : [var.replication_configuration]
    content {
      role = replication_configuration.value.role

      dynamic "rules" {
        for_each = replication_configuration.value.rules
        content {
          id     = rules.value.id
          status = rules.value.status

          destination {
            bucket = rules.value.destination_bucket
          }
        }
      }
    }
  }
}

resource "aws_s3_bucket" "computed_rules" {
  bucket = "acme-computed"

  replication_configuration {
    role = var.role

    dynamic "rules" {
      for_each = var.rules
      content {
        id     = rules.value.id
        status = "Enabled"

        destination {
          bucket = rules.value.bucket
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
