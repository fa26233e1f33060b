# A lifecycle rule whose tags are an expression, in a module that admits Terraform 0.12
# releases before 0.12.20, which have no try(): whether the filter is `and` or `prefix`
# is decided with a null test instead.
terraform {
  required_version = ">= 0.12"

  required_providers {
    aws = {
      source  = "hashicorp/aws"
      version = ">= 4.0"
    }
  }
}

variable "expire_tags" {
  type    = map(string)
  default = {}
}

resource "aws_s3_bucket" "b" {
  bucket = "example-tagged-expiry"
}

resource "aws_s3_bucket_lifecycle_configuration" "b" {
  bucket = aws_s3_bucket.b.id

  rule {
    id     = "tagged"
    status = "Enabled"

    filter {
      prefix = length(var.expire_tags == null ? {} : var.expire_tags) > 0 ? null : "tmp/"

      dynamic "and" {
        for_each = length(var.expire_tags == null ? {} : var.expire_tags) > 0 ? [1] : []

        content {
          prefix = "tmp/"
          tags   = var.expire_tags
        }
      }
    }

    expiration {
      days = 7
    }
  }
}
