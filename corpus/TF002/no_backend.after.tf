terraform {
  required_providers {
    aws = {
      source = "hashicorp/aws"
    }
  }

  backend "s3" {
    # bucket, key and region: terraform init -backend-config=...
    encrypt = true
  }
}

provider "aws" {
  region = "us-east-1"
}
