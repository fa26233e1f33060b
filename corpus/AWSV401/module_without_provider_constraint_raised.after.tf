# A module made to be called (an input without a default, no provider of its
# own) that states no AWS provider version. With raise_provider_constraint the
# split is made and the module declares the floor it now needs (3.75, which has
# aws_s3_bucket_versioning), with no upper bound: its callers may run any later
# provider.

terraform {
  required_providers {
    aws = {
      source  = "hashicorp/aws"
      version = ">= 3.75"
    }
  }
}

variable "bucket_name" {
  type = string
}

resource "aws_s3_bucket" "this" {
  bucket = var.bucket_name
}

resource "aws_s3_bucket_versioning" "this" {
  bucket = aws_s3_bucket.this.id

  versioning_configuration {
    status = "Enabled"
  }
}
