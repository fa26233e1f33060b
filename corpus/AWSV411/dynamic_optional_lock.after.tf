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

  bucket              = "acme-audit-${each.key}"
  object_lock_enabled = each.key == "production"

  tags = {
    Environment = each.key
  }
}

resource "aws_s3_bucket_object_lock_configuration" "audit" {
  for_each = { for k, v in var.environments : k => v if k == "production" }

  bucket = aws_s3_bucket.audit[each.key].id

  rule {
    default_retention {
      mode = "GOVERNANCE"
      days = var.retention_days
    }
  }
}
