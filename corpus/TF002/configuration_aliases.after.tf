# A module its callers pass provider configurations to: they own the backend,
# even though it also configures a provider of its own.
terraform {
  required_providers {
    aws = {
      source                = "hashicorp/aws"
      configuration_aliases = [aws.replica]
    }
  }
}

provider "aws" {
  region = "eu-west-1"
}

resource "aws_s3_bucket" "replica" {
  provider = aws.replica
  bucket   = "orders-replica"
}
