# A root module on "~> 4.0" with the raise option: routing_rules needs provider 4.15.0,
# so the constraint becomes "~> 4.15" (4.0 to 4.14 refuse the argument).
terraform {
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

resource "aws_s3_bucket" "docs" {
  bucket = "acme-docs"

  website {
    index_document = "index.html"
    error_document = "error.html"
    routing_rules = jsonencode([{
      Condition = { KeyPrefixEquals = "docs/" }
      Redirect  = { ReplaceKeyPrefixWith = "documents/" }
    }])
  }
}
