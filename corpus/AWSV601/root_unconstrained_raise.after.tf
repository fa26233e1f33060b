# A root module (it configures its provider and its backend) that states no AWS
# provider version: with raise_provider_constraint it requires ~> 6.0, in the
# terraform block it has, and the renames are made.
terraform {
  required_providers {
    aws = {
      source  = "hashicorp/aws"
      version = "~> 6.0"
    }
  }

  backend "s3" {
    bucket = "acme-terraform-state"
    key    = "network/terraform.tfstate"
    region = "eu-west-1"
  }
}

provider "aws" {
  region = "eu-west-1"
}

data "aws_region" "current" {}

output "region" {
  value = data.aws_region.current.region
}
