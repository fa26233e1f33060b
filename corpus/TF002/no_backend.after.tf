terraform {
  required_providers {
    aws = {
      source = "hashicorp/aws"
    }
  }

  backend "s3" {
    # bucket, key and region: terraform init -backend-config=...
  }
}

provider "aws" {
  region = "us-east-1"
}
