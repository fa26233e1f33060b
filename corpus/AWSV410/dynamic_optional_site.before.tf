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

  dynamic "website" {
    for_each = var.website == null ? [] : [var.website]

    content {
      index_document = website.value.index_document
      error_document = website.value.error_document
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
