terraform {
  required_version = "< 1.5.0"
}

variable "cors_rules" {
  type    = any
  default = []
}

variable "website" {
  type    = map(string)
  default = {}
}

resource "aws_s3_bucket" "this" {
  bucket = "legacy-app"

  dynamic "cors_rule" {
    for_each = var.cors_rules
    content {
      allowed_methods = cors_rule.value.allowed_methods
      allowed_origins = cors_rule.value.allowed_origins
    }
  }

  acceleration_status = "Enabled"
  request_payer       = "Requester"

  lifecycle {
    ignore_changes = [website]
  }
}

resource "aws_s3_bucket_website_configuration" "this" {
  count = length(keys(var.website)) != 0 ? 1 : 0

  bucket = aws_s3_bucket.this.id

  dynamic "index_document" {
    for_each = lookup(var.website, "index_document", null) == null ? [] : [lookup(var.website, "index_document", null)]

    content {
      suffix = index_document.value
    }
  }
}

resource "aws_s3_bucket" "docs" {
  bucket = "legacy-docs"

  cors_rule {
    allowed_methods = ["GET"]
    allowed_origins = ["https://docs.example.com"]
  }

  lifecycle {
    ignore_changes = [website]
  }
}

resource "aws_s3_bucket_website_configuration" "docs" {
  bucket = aws_s3_bucket.docs.id

  index_document {
    suffix = "index.html"
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
