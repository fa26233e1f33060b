# A root module written for Terraform 0.12-0.14: map() was removed in 0.15, so
# no Terraform that reads import blocks (1.5+) runs it; the imports are commands.
provider "aws" {
  region = "eu-west-1"
}

resource "aws_s3_bucket" "logs" {
  bucket = "acme-frontend-logs"

  tags = merge(map("Name", "frontend logs"), { Team = "web" })
}

resource "aws_s3_bucket_ownership_controls" "logs" {
  bucket = aws_s3_bucket.logs.id

  rule {
    object_ownership = "ObjectWriter"
  }
}

resource "aws_s3_bucket_acl" "logs" {
  bucket = aws_s3_bucket.logs.id
  acl    = "log-delivery-write"

  depends_on = [aws_s3_bucket_ownership_controls.logs]
}
