terraform {
  required_version = ">= 1.5"
}

provider "aws" {
  region = "us-east-1"
}

variable "environment" {
  type = string
}

variable "buckets" {
  type    = set(string)
  default = ["raw", "curated"]
}

# Terraform 1.5 takes only literal import ids.
resource "aws_s3_bucket" "state" {
  bucket = "acme-terraform-state"
}

resource "aws_s3_bucket_versioning" "state" {
  bucket = aws_s3_bucket.state.id

  versioning_configuration {
    status = "Enabled"
  }
}

resource "aws_s3_bucket" "env" {
  bucket = "acme-${var.environment}-data"
}

resource "aws_s3_bucket_versioning" "env" {
  bucket = aws_s3_bucket.env.id

  versioning_configuration {
    status = "Enabled"
  }
}

resource "aws_s3_bucket" "lake" {
  for_each = var.buckets
  bucket   = "acme-lake-${each.key}"
}

resource "aws_s3_bucket_versioning" "lake" {
  for_each = aws_s3_bucket.lake

  bucket = aws_s3_bucket.lake[each.key].id

  versioning_configuration {
    status = "Enabled"
  }
}

resource "aws_s3_bucket" "pair" {
  count  = 2
  bucket = "acme-pair-${count.index}"
}

resource "aws_s3_bucket_versioning" "pair" {
  count = 2

  bucket = aws_s3_bucket.pair[count.index].id

  versioning_configuration {
    status = "Enabled"
  }
}
