provider "aws" {
  region = "eu-central-1"
}

# region was read-only from provider 3.0 on.
resource "aws_s3_bucket" "legacy" {
  bucket = "acme-legacy"
  region = "eu-central-1"

  versioning {
    enabled = true
  }
}

resource "aws_s3_bucket" "plain" {
  bucket = "acme-plain"
  region = "eu-central-1"
}
