provider "aws" {}

# CloudFront reads these buckets without an origin access identity or control: as an
# anonymous user, so their objects are public by ACLs or a policy not shown here.
resource "aws_s3_bucket" "site" {
  bucket = "example-site"
}

resource "aws_s3_bucket" "legacy" {
  bucket = "example-legacy"
}

# Read through an origin access identity and an origin access control: private.
resource "aws_s3_bucket" "oai" {
  bucket = "example-oai"
}

resource "aws_s3_bucket" "oac" {
  bucket = "example-oac"
}

resource "aws_cloudfront_origin_access_identity" "oai" {}

resource "aws_cloudfront_origin_access_control" "oac" {
  name                              = "oac"
  origin_access_control_origin_type = "s3"
  signing_behavior                  = "always"
  signing_protocol                  = "sigv4"
}

resource "aws_cloudfront_distribution" "cdn" {
  enabled = true

  origin {
    domain_name = aws_s3_bucket.site.bucket_regional_domain_name
    origin_id   = "site"
  }

  origin {
    domain_name = aws_s3_bucket.legacy.bucket_domain_name
    origin_id   = "legacy"

    s3_origin_config {
      origin_access_identity = ""
    }
  }

  origin {
    domain_name = aws_s3_bucket.oai.bucket_regional_domain_name
    origin_id   = "oai"

    s3_origin_config {
      origin_access_identity = aws_cloudfront_origin_access_identity.oai.cloudfront_access_identity_path
    }
  }

  origin {
    domain_name              = aws_s3_bucket.oac.bucket_regional_domain_name
    origin_id                = "oac"
    origin_access_control_id = aws_cloudfront_origin_access_control.oac.id
  }

  default_cache_behavior {
    allowed_methods        = ["GET", "HEAD"]
    cached_methods         = ["GET", "HEAD"]
    target_origin_id       = "site"
    viewer_protocol_policy = "redirect-to-https"
    cache_policy_id        = "658327ea-f89d-4fab-a63d-7e88639e58f6"
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
