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

  versioning {
    enabled = true
  }
}

resource "aws_s3_bucket" "env" {
  bucket = "acme-${var.environment}-data"

  versioning {
    enabled = true
  }
}

resource "aws_s3_bucket" "lake" {
  for_each = var.buckets
  bucket   = "acme-lake-${each.key}"

  versioning {
    enabled = true
  }
}

resource "aws_s3_bucket" "pair" {
  count  = 2
  bucket = "acme-pair-${count.index}"

  versioning {
    enabled = true
  }
}
