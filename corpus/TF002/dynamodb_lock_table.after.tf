terraform {
  required_version = ">= 1.3"
  backend "s3" {
    dynamodb_table = "terraform-locks"
  }
}

provider "aws" {}
