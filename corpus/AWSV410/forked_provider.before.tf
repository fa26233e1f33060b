# The local name aws is a fork of the AWS provider with version numbers of its own:
# which resources and arguments it has is that provider's to say.
terraform {
  required_providers {
    aws = {
      source  = "hc-registry.website.cloud.croc.ru/c2devel/croccloud"
      version = "4.14.0-CROC1"
    }
  }
}

provider "aws" {
  region = "croc"
}

resource "aws_s3_bucket" "site" {
  bucket = "site"

  website {
    index_document = "index.html"
  }
}
