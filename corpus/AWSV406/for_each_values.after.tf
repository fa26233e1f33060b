variable "buckets" {
  type = map(object({
    days = number
  }))
}

resource "aws_s3_bucket" "exports" {
  for_each = var.buckets
  bucket   = "exports-${each.key}"

  lifecycle {
    ignore_changes = [lifecycle_rule]
  }
}

resource "aws_s3_bucket_lifecycle_configuration" "exports" {
  for_each = var.buckets

  bucket = aws_s3_bucket.exports[each.key].id

  rule {
    id     = "expire"
    status = "Enabled"

    filter {}

    expiration {
      days = each.value.days
    }

    noncurrent_version_expiration {
      noncurrent_days = each.value.days
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
