variable "buckets" {
  type = map(object({
    days = number
  }))
}

resource "aws_s3_bucket" "exports" {
  for_each = var.buckets
  bucket   = "exports-${each.key}"

  lifecycle_rule {
    id      = "expire"
    enabled = true

    expiration {
      days = each.value.days
    }

    noncurrent_version_expiration {
      days = each.value.days
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
