terraform {
  required_providers {
    aws = ">= 3.0, < 4.0"
  }
}

variable "name" {
  type = string
}

resource "aws_s3_bucket" "this" {
  bucket = var.name

  versioning {
    enabled = true
  }
}
