terraform {
  required_providers {
    aws = {
      source  = "hashicorp/aws"
      version = "~> 3.50"
    }
  }
}

# Provider 3.50 to 3.74 has no aws_s3_bucket_versioning nor
# aws_s3_bucket_server_side_encryption_configuration: only the public access block.
resource "aws_s3_bucket" "data" {
  bucket = "acme-data"
}

provider "aws" {
  region = "eu-west-1"
}
