provider "aws" {
  region = "eu-west-1"
}

resource "aws_s3_bucket" "assets" {
  bucket = "example-assets"
}

resource "aws_s3_bucket" "uploads" {
  count  = 2
  bucket = "example-uploads-${count.index}"
}

resource "aws_s3_bucket_object" "index" {
  bucket = aws_s3_bucket.assets.id
  key    = "index.html"
  source = "index.html"
  acl    = "private"
}

resource "aws_s3_bucket_object" "readme" {
  bucket = "example-assets"
  key    = "README"
  source = "README"
  acl    = aws_s3_bucket.assets.acl
}

output "assets_acl" {
  value = "private"
}

output "first_upload_acl" {
  value = "private"
}

output "upload_acls" {
  value = [for b in aws_s3_bucket.uploads : "private"]
}
