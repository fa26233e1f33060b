provider "aws" {
  region = "us-gov-west-1"
}

# An empty name: provider v3 generated one, as without the argument.
resource "aws_s3_bucket" "entity" {
  bucket = ""
  acl    = "private"
}

resource "aws_s3_bucket_versioning" "entity" {
  bucket = aws_s3_bucket.entity.id

  versioning_configuration {
    status = "Enabled"
  }
}

resource "aws_s3_bucket" "named" {
  bucket = "acme-state"
}

resource "aws_s3_bucket_versioning" "named" {
  bucket = aws_s3_bucket.named.id

  versioning_configuration {
    status = "Enabled"
  }
}
