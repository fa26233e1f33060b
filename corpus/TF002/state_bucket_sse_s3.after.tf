# The module manages the state bucket, SSE-S3 encrypted by default, and no policy asks
# writes for an encryption header: encrypt = true would change nothing, so only the
# lock is added.
terraform {
  required_version = ">= 1.10"
  backend "s3" {
    bucket       = "acme-tf-state"
    key          = "bootstrap/terraform.tfstate"
    region       = "eu-west-1"
    use_lockfile = true
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
