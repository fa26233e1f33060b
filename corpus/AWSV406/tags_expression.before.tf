variable "expiring_tags" {
  description = "Objects with all of these tags expire (none: every object)"
  type        = map(string)
  default     = {}
}

resource "aws_s3_bucket" "exports" {
  bucket = "example-exports"

  lifecycle_rule {
    id      = "expire-tagged"
    enabled = true
    tags    = var.expiring_tags

    expiration {
      days = 30
    }
  }

  lifecycle_rule {
    id      = "expire-tmp"
    enabled = true
    prefix  = "tmp/"
    tags    = var.expiring_tags

    expiration {
      days = 1
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
