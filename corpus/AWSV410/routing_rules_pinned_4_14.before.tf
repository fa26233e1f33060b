# A root module pinned to provider 4.14.0: aws_s3_bucket_website_configuration exists
# there, its routing_rules argument does not (4.15.0), so the website stays inline.
terraform {
  required_providers {
    aws = {
      source  = "hashicorp/aws"
      version = "4.14.0"
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
    routing_rules  = <<EOF2
[{"Condition":{"KeyPrefixEquals":"docs/"},"Redirect":{"ReplaceKeyPrefixWith":"documents/"}}]
EOF2
  }
}
