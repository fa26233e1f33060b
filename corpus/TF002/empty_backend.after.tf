terraform {
  required_version = ">= 1.10.0"

  required_providers {
    aws = {
      source  = "hashicorp/aws"
      version = "~> 5.0"
    }
  }

  backend "s3" {
    # bucket, key and region: terraform init -backend-config=...
    use_lockfile = true
  }
}

provider "aws" {
  region = var.aws_region
}
