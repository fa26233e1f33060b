terraform {
  required_version = ">= 1.7.0"
}

variable "expire_days" {
  type    = number
  default = 30
}

variable "cleanup_enabled" {
  type    = bool
  default = true
}

resource "aws_s3_bucket" "tmp" {
  count    = 3
  provider = aws.us_east_1
  bucket   = "acme-tmp-${count.index}"

  lifecycle {
    ignore_changes = [lifecycle_rule]
  }
}

resource "aws_s3_bucket_lifecycle_configuration" "tmp" {
  provider = aws.us_east_1
  count    = 3

  bucket = aws_s3_bucket.tmp[count.index].id

  rule {
    id     = "expire-${count.index}"
    status = var.cleanup_enabled ? "Enabled" : "Disabled"

    filter {
      tag {
        key   = "Temporary"
        value = "yes"
      }
    }

    expiration {
      days = var.expire_days
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
