variable "bucket" {
  type = string
}

variable "allowed_origins" {
  type = list(string)
}

variable "acceleration_status" {
  type    = string
  default = "Suspended"
}

variable "request_payer" {
  type    = string
  default = "BucketOwner"
}

variable "redirect_to" {
  type = string
}

resource "aws_s3_bucket" "this" {
  bucket              = var.bucket
  acceleration_status = var.acceleration_status
  request_payer       = var.request_payer

  website {
    index_document = "index.html"
    error_document = "404.html"
  }

  lifecycle {
    ignore_changes = [cors_rule]
  }
}

resource "aws_s3_bucket_cors_configuration" "this" {
  bucket = aws_s3_bucket.this.id

  cors_rule {
    allowed_methods = ["GET", "HEAD"]
    allowed_origins = var.allowed_origins
    max_age_seconds = 600
  }
}

resource "aws_s3_bucket" "redirect" {
  bucket = "${var.bucket}-redirect"

  website {
    redirect_all_requests_to = var.redirect_to
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
