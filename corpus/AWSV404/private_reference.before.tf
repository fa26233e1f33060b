provider "aws" {
  region = "eu-west-1"
}

resource "aws_s3_bucket" "assets" {
  bucket = "example-assets"
  acl    = "private"
}

resource "aws_s3_bucket" "uploads" {
  count  = 2
  bucket = "example-uploads-${count.index}"
  acl    = "private"
}

resource "aws_s3_bucket_object" "index" {
  bucket = aws_s3_bucket.assets.id
  key    = "index.html"
  source = "index.html"
  acl    = aws_s3_bucket.assets.acl
}

resource "aws_s3_bucket_object" "readme" {
  bucket = "example-assets"
  key    = "README"
  source = "README"
  acl    = aws_s3_bucket.assets.acl
}

output "assets_acl" {
  value = aws_s3_bucket.assets.acl
}

output "first_upload_acl" {
  value = aws_s3_bucket.uploads[0].acl
}

output "upload_acls" {
  value = aws_s3_bucket.uploads[*].acl
}
