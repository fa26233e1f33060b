provider "aws" {
  region = "us-gov-west-1"
}

# An empty name: provider v3 generated one, as without the argument.
resource "aws_s3_bucket" "entity" {
  bucket = ""
  acl    = "private"

  versioning {
    enabled = true
  }
}

resource "aws_s3_bucket" "named" {
  bucket = "acme-state"

  versioning {
    enabled = true
  }
}
