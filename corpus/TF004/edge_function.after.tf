# A deployed root. A function a CloudFront distribution runs at the edge cannot be
# deleted until CloudFront has removed its replicas (hours after the association is
# gone): it keeps its name, with a finding. A function only the API uses is renamed.
terraform {
  backend "s3" {}
}

variable "project_name" {
  default = "shop"
}

variable "environment_suffix" {
  description = "Suffix of every physical name (environment or pull request), so that several deployments can share an account"
  type        = string

  validation {
    condition     = can(regex("^[a-z0-9][a-z0-9-]{0,7}$", var.environment_suffix))
    error_message = "environment_suffix must be 1-8 lowercase letters, digits or hyphens."
  }
}

variable "origin_domain" {
  type = string
}

resource "aws_lambda_function" "headers" {
  function_name = "${var.project_name}-headers"
  role          = "arn:aws:iam::111122223333:role/edge"
  runtime       = "nodejs20.x"
  handler       = "edge.handler"
  filename      = "edge.zip"
  publish       = true
}

resource "aws_lambda_function" "api" {
  function_name = "${var.project_name}-${var.environment_suffix}-api"
  role          = "arn:aws:iam::111122223333:role/api"
  runtime       = "nodejs20.x"
  handler       = "api.handler"
  filename      = "api.zip"
}

locals {
  edge_arn = aws_lambda_function.headers.qualified_arn
}

resource "aws_cloudfront_distribution" "site" {
  enabled = true
  origin {
    domain_name = var.origin_domain
    origin_id   = "origin"
  }
  default_cache_behavior {
    target_origin_id       = "origin"
    viewer_protocol_policy = "redirect-to-https"
    allowed_methods        = ["GET", "HEAD"]
    cached_methods         = ["GET", "HEAD"]
    lambda_function_association {
      event_type = "origin-response"
      lambda_arn = local.edge_arn
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
