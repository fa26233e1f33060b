terraform {
  required_providers {
    aws = {
      source  = "hashicorp/aws"
      version = ">= 4.5"
    }
  }
}

provider "aws" {
  region = "eu-central-1"
}

variable "environments" {
  type    = set(string)
  default = ["staging", "production"]
}

variable "retention_days" {
  type    = number
  default = 30
}

# Audit archives: object lock only in production.
resource "aws_s3_bucket" "audit" {
  for_each = var.environments

  bucket = "acme-audit-${each.key}"

  dynamic "object_lock_configuration" {
    for_each = each.key == "production" ? [1] : []

    content {
      object_lock_enabled = "Enabled"

      rule {
        default_retention {
          mode = "GOVERNANCE"
          days = var.retention_days
        }
      }
    }
  }

  tags = {
    Environment = each.key
  }
}
