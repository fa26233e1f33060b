# Provider 6 places a resource in its own `region` (else the provider's): the split-out
# versioning keeps the bucket's region (and its import id ends with @region),
# and the bucket's region is a choice, not a v3 leftover to remove.
terraform {
  required_providers {
    aws = {
      source  = "hashicorp/aws"
      version = "~> 6.0"
    }
  }
}

provider "aws" {
  region = "us-east-1"
}

variable "region" {
  type    = string
  default = "eu-west-1"
}

resource "aws_s3_bucket" "replica" {
  region = var.region
  bucket = "example-replica-bucket"

  versioning {
    enabled = true
  }
}
