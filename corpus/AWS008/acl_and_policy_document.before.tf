resource "aws_s3_bucket" "assets" {
  bucket = "assets"
  acl    = "public-read"

  versioning {
    enabled = true
  }
}
# CDN origin, readable by anyone through the policy document below.
resource "aws_s3_bucket" "cdn" {
  bucket = "cdn-origin" # kept short
  lifecycle_rule {
    enabled = true
  }
}
resource "aws_s3_bucket_policy" "cdn" {
  bucket = aws_s3_bucket.cdn.id
  policy = data.aws_iam_policy_document.cdn.json
}

data "aws_iam_policy_document" "cdn" {
  statement {
    actions   = ["s3:GetObject"]
    resources = ["${aws_s3_bucket.cdn.arn}/*"]

    principals {
      type        = "*"
      identifiers = ["*"]
    }
  }
}

terraform {
  required_providers {
    aws = {
      source  = "hashicorp/aws"
      version = ">= 4.59"
    }
  }
}
