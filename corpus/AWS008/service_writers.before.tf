data "aws_caller_identity" "current" {}

# CloudTrail may use this key: its policy lets cloudtrail.amazonaws.com generate data keys.
resource "aws_kms_key" "trail_bucket" {
  description         = "Encrypts the audit bucket"
  enable_key_rotation = true
  policy = jsonencode({
    Version = "2012-10-17"
    Statement = [
      {
        Sid       = "Account"
        Effect    = "Allow"
        Principal = { AWS = "arn:aws:iam::${data.aws_caller_identity.current.account_id}:root" }
        Action    = "kms:*"
        Resource  = "*"
      },
      {
        Sid       = "CloudTrail"
        Effect    = "Allow"
        Principal = { Service = "cloudtrail.amazonaws.com" }
        Action    = ["kms:GenerateDataKey*", "kms:DescribeKey"]
        Resource  = "*"
      },
    ]
  })
}

resource "aws_s3_bucket" "audit" {
  bucket = "acme-audit-trail"
}

resource "aws_cloudtrail" "main" {
  name           = "main"
  s3_bucket_name = aws_s3_bucket.audit.id
}

# AWS Config writes here; no key of the module lets config.amazonaws.com in.
resource "aws_s3_bucket" "config" {
  bucket = "acme-config-history"
}

resource "aws_config_delivery_channel" "main" {
  name           = "main"
  s3_bucket_name = aws_s3_bucket.config.bucket
}

# Firehose writes with its role, whose KMS permissions the module does not show.
resource "aws_iam_role" "firehose" {
  name = "firehose-events"
  assume_role_policy = jsonencode({
    Version = "2012-10-17"
    Statement = [{
      Effect    = "Allow"
      Principal = { Service = "firehose.amazonaws.com" }
      Action    = "sts:AssumeRole"
    }]
  })
}

resource "aws_s3_bucket" "events" {
  bucket = "acme-events"
}

resource "aws_kinesis_firehose_delivery_stream" "events" {
  name        = "events"
  destination = "extended_s3"

  extended_s3_configuration {
    role_arn   = aws_iam_role.firehose.arn
    bucket_arn = aws_s3_bucket.events.arn
  }
}

# CloudFront reads through an origin access identity, which cannot read SSE-KMS objects.
resource "aws_s3_bucket" "site_origin" {
  bucket = "acme-site-origin"
}

resource "aws_cloudfront_origin_access_identity" "site" {}

resource "aws_cloudfront_distribution" "site" {
  enabled = true

  origin {
    domain_name = aws_s3_bucket.site_origin.bucket_regional_domain_name
    origin_id   = "site"

    s3_origin_config {
      origin_access_identity = aws_cloudfront_origin_access_identity.site.cloudfront_access_identity_path
    }
  }

  default_cache_behavior {
    allowed_methods        = ["GET", "HEAD"]
    cached_methods         = ["GET", "HEAD"]
    target_origin_id       = "site"
    viewer_protocol_policy = "redirect-to-https"
  }

  restrictions {
    geo_restriction {
      restriction_type = "none"
    }
  }

  viewer_certificate {
    cloudfront_default_certificate = true
  }
}

provider "aws" {
  region = "eu-west-1"
}
