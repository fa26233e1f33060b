variable "website" {
  description = "index and error documents; null: not a website"
  type = object({
    index_document = string
    error_document = string
  })
  default = null
}

resource "aws_s3_bucket" "site" {
  bucket = "example-optional-site"

  lifecycle {
    ignore_changes = [website]
  }
}

resource "aws_s3_bucket_website_configuration" "site" {
  count = var.website != null ? 1 : 0

  bucket = aws_s3_bucket.site.id

  dynamic "index_document" {
    for_each = var.website.index_document == null ? [] : [var.website.index_document]

    content {
      suffix = index_document.value
    }
  }

  dynamic "error_document" {
    for_each = var.website.error_document == null ? [] : [var.website.error_document]

    content {
      key = error_document.value
    }
  }
}

output "website_endpoint" {
  value = aws_s3_bucket.site.website_endpoint
}

terraform {
  required_providers {
    aws = {
      source  = "hashicorp/aws"
      version = ">= 3.75"
    }
  }
}
