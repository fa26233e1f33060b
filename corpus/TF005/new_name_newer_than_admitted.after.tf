# aws_s3_object came with provider 4.0.0: under ~> 3.0 the old name stays.
terraform {
  required_version = ">= 1.7"

  required_providers {
    aws = {
      source  = "hashicorp/aws"
      version = "~> 3.0"
    }
  }
}

provider "aws" {
  region = "eu-west-1"
}

resource "aws_s3_bucket_object" "index" {
  bucket = "example-site"
  key    = "index.html"
  source = "index.html"
}
