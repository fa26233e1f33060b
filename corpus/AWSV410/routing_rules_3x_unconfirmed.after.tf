# A root module kept on the 3.x line at 3.75.2 or later. A backport of routing_rules
# to 3.x was merged upstream, but no 3.x release note found names it: the website
# stays inline and the finding says what is not known and where to look.
terraform {
  required_providers {
    aws = {
      source  = "hashicorp/aws"
      version = "~> 3.75.2"
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
