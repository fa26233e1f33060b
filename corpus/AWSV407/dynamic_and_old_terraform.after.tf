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

  dynamic "website" {
    for_each = length(keys(var.website)) == 0 ? [] : [var.website]
    content {
      index_document = lookup(website.value, "index_document", null)
    }
  }

  acceleration_status = "Enabled"
  request_payer       = "Requester"

  lifecycle {
    ignore_changes = [cors_rule]
  }
}

resource "aws_s3_bucket_cors_configuration" "this" {
  count = length(var.cors_rules) > 0 ? 1 : 0

  bucket = aws_s3_bucket.this.id

  dynamic "cors_rule" {
    for_each = var.cors_rules
    content {
      allowed_methods = cors_rule.value.allowed_methods
      allowed_origins = cors_rule.value.allowed_origins
    }
  }
}

resource "aws_s3_bucket" "docs" {
  bucket = "legacy-docs"

  website {
    index_document = "index.html"
  }

  lifecycle {
    ignore_changes = [cors_rule]
  }
}

resource "aws_s3_bucket_cors_configuration" "docs" {
  bucket = aws_s3_bucket.docs.id

  cors_rule {
    allowed_methods = ["GET"]
    allowed_origins = ["https://docs.example.com"]
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
