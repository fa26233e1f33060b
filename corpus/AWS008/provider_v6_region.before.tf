# Provider 6 places a resource in its own `region` (else the provider's): what is
# written for this bucket carries the bucket's region, or S3 answers the
# configuration calls with PermanentRedirect.
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
}
