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

  lifecycle_rule {
    id      = "expire-${count.index}"
    enabled = var.cleanup_enabled

    tags = {
      Temporary = "yes"
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
