resource "aws_s3_bucket" "assets" {
  # checkov:skip=CKV_AWS_145:AES256 on purpose: the bucket is public on purpose (its ACL is "public-read"), and outside readers cannot decrypt SSE-KMS objects (tffix AWS008)
  bucket = "assets"
  acl    = "public-read"

  versioning {
    enabled = true
  }
}

resource "aws_s3_bucket_server_side_encryption_configuration" "assets" {
  bucket = aws_s3_bucket.assets.id

  rule {
    apply_server_side_encryption_by_default {
      sse_algorithm = "AES256"
    }
  }
}

# CDN origin, readable by anyone through the policy document below.
resource "aws_s3_bucket" "cdn" {
  # checkov:skip=CKV_AWS_145:AES256 on purpose: the bucket is public on purpose (its policy grants Principal "*"), and outside readers cannot decrypt SSE-KMS objects (tffix AWS008)
  bucket = "cdn-origin" # kept short
  lifecycle_rule {
    enabled = true
  }
}

resource "aws_s3_bucket_server_side_encryption_configuration" "cdn" {
  bucket = aws_s3_bucket.cdn.id

  rule {
    apply_server_side_encryption_by_default {
      sse_algorithm = "AES256"
    }
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
