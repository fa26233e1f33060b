# The author's public access block for a bucket whose policy moves: with the policy
# inline, the block came after the bucket and its policy; as two resources they would
# be written at the same time, which S3 refuses (409 OperationAborted) and providers
# before 3.67 do not retry. The block now waits for the policy; the other bucket's
# block is left as it is.
terraform {
  required_providers {
    aws = {
      source  = "hashicorp/aws"
      version = "~> 3.60"
    }
  }
}

provider "aws" {
  region = "eu-west-1"
}

resource "aws_s3_bucket" "site" {
  bucket = "example-site-assets"
  policy = data.aws_iam_policy_document.site.json
}

resource "aws_s3_bucket_public_access_block" "site" {
  bucket = aws_s3_bucket.site.id

  block_public_acls       = true
  block_public_policy     = true
  ignore_public_acls      = true
  restrict_public_buckets = true
}

resource "aws_s3_bucket" "other" {
  bucket = "example-other"
}

resource "aws_s3_bucket_public_access_block" "other" {
  bucket = aws_s3_bucket.other.id

  block_public_acls   = true
  block_public_policy = true
}

data "aws_iam_policy_document" "site" {
  statement {
    actions   = ["s3:GetObject"]
    resources = ["arn:aws:s3:::example-site-assets/*"]

    principals {
      type        = "AWS"
      identifiers = ["arn:aws:iam::123456789012:role/reader"]
    }
  }
}
