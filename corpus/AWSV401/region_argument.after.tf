# A module made to be called: region was read-only from provider 3.0 on.
resource "aws_s3_bucket" "legacy" {
  bucket = "acme-legacy"
  region = "eu-central-1"

  versioning {
    enabled = true
  }
}

resource "aws_s3_bucket" "plain" {
  bucket = "acme-plain"
  region = "eu-central-1"
}

terraform {
  required_providers {
    aws = {
      source  = "hashicorp/aws"
      version = ">= 3.75"
    }
  }
}
