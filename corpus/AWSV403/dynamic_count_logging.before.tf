variable "enabled" {
  type    = bool
  default = true
}

variable "logging" {
  type = object({
    bucket_name = string
    prefix      = string
  })
  default = null
}

resource "aws_s3_bucket" "default" {
  count  = var.enabled ? 1 : 0
  bucket = "example-logged"

  dynamic "logging" {
    for_each = var.logging == null ? [] : [var.logging]

    content {
      target_bucket = logging.value.bucket_name
      target_prefix = logging.value.prefix
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
