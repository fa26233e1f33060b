# A root module on "~> 4.0" with the raise option: routing_rules needs provider 4.15.0,
# so the constraint becomes "~> 4.15" (4.0 to 4.14 refuse the argument).
terraform {
  required_providers {
    aws = {
      source  = "hashicorp/aws"
      version = "~> 4.15"
    }
  }
}

provider "aws" {
  region = "eu-west-1"
}

resource "aws_s3_bucket" "docs" {
  bucket = "acme-docs"
}

resource "aws_s3_bucket_website_configuration" "docs" {
  bucket = aws_s3_bucket.docs.id

  index_document {
    suffix = "index.html"
  }

  error_document {
    key = "error.html"
  }

  routing_rules = jsonencode([{
    Condition = { KeyPrefixEquals = "docs/" }
    Redirect  = { ReplaceKeyPrefixWith = "documents/" }
  }])
}
