provider "aws" {
  region = "us-east-1"
}

variable "domain" {
  type = string
}

resource "aws_s3_bucket" "site" {
  bucket = var.domain
  acl    = "public-read"

  website {
    index_document = "index.html"
    error_document = "404.html"
  }
}

resource "aws_route53_record" "site" {
  zone_id = "Z123456ABCDEFG"
  name    = var.domain
  type    = "A"

  alias {
    name                   = aws_s3_bucket.site.website_domain
    zone_id                = aws_s3_bucket.site.hosted_zone_id
    evaluate_target_health = false
  }
}

resource "aws_cloudfront_distribution" "site" {
  enabled             = true
  default_root_object = aws_s3_bucket.site.website.0.index_document

  origin {
    domain_name = aws_s3_bucket.site.website_endpoint
    origin_id   = "website"

    custom_origin_config {
      http_port              = 80
      https_port             = 443
      origin_protocol_policy = "http-only"
      origin_ssl_protocols   = ["TLSv1.2"]
    }
  }

  default_cache_behavior {
    allowed_methods        = ["GET", "HEAD"]
    cached_methods         = ["GET", "HEAD"]
    target_origin_id       = "website"
    viewer_protocol_policy = "redirect-to-https"

    forwarded_values {
      query_string = false
      cookies {
        forward = "none"
      }
    }
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

output "website_url" {
  value = "http://${aws_s3_bucket.site.website_endpoint}"
}

output "error_page" {
  value = aws_s3_bucket.site.website[0].error_document
}
