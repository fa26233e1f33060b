# A root module whose bucket name is only a variable, on Terraform 1.5 (import blocks,
# but not with an expression as id): the import is a command, and the name in it is
# read from the state by `terraform console`, so it runs as written; the ACL, fixed in
# the code, follows it in the id.
terraform {
  required_version = "~> 1.5.0"

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

variable "bucket_name" {
  type = string
}

resource "aws_s3_bucket" "logs" {
  bucket = var.bucket_name
  acl    = "log-delivery-write"
}
