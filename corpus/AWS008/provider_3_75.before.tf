# Provider 3.75 to 3.x has the companion resources, but its aws_s3_bucket still
# manages server_side_encryption_configuration and lifecycle_rule (it computes
# only versioning) and removes what the configuration does not set there: the
# bucket ignores changes to them. One bucket already ignores them all.
terraform {
  required_providers {
    aws = {
      source  = "hashicorp/aws"
      version = "~> 3.75"
    }
  }
}

provider "aws" {
  region = "eu-west-1"
}

resource "aws_s3_bucket" "b" {
  bucket = "example-b"
}

resource "aws_s3_bucket" "kept" {
  bucket = "example-kept"

  lifecycle {
    prevent_destroy = true
    ignore_changes  = all
  }
}
