# error_document from a variable that defaults to null: v3 read null as "not set";
# v4's block requires key, so it is a dynamic block that exists only where the variable
# is set. index_document's variable has a value: a plain block.
terraform {
  required_providers {
    aws = {
      source  = "hashicorp/aws"
      version = ">= 4.0"
    }
  }
}

variable "index_document" {
  type    = string
  default = "index.html"
}

variable "error_document" {
  type    = string
  default = null
}

resource "aws_s3_bucket" "site" {
  bucket = "example-site"
}

resource "aws_s3_bucket_website_configuration" "site" {
  bucket = aws_s3_bucket.site.id

  index_document {
    suffix = var.index_document
  }

  dynamic "error_document" {
    for_each = var.error_document == null ? [] : [var.error_document]

    content {
      key = error_document.value
    }
  }
}
