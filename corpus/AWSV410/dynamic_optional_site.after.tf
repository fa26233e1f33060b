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

  index_document {
    suffix = var.website.index_document
  }

  error_document {
    key = var.website.error_document
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
