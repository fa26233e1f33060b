# An object the module writes into a bucket whose versioning moves: written before
# versioning is on, it would be stored without a version of its own (version ID null);
# the bucket reference ordered it after the versioning, and it now waits for the new
# resource.
terraform {
  required_providers {
    aws = {
      source  = "hashicorp/aws"
      version = "~> 4.0"
    }
  }
}

provider "aws" {
  region = "eu-west-1"
}

resource "aws_s3_bucket" "config" {
  bucket = "example-config"

  versioning {
    enabled = true
  }
}

resource "aws_s3_object" "settings" {
  bucket  = aws_s3_bucket.config.id
  key     = "settings.json"
  content = "{}"
}
