terraform {
  required_providers {
    aws = {
      source  = "hashicorp/aws"
      version = "~> 4.0"
    }
  }
}

variable "site_domain" {
  type = string
}

variable "aws_region" {
  type = string
}

locals {
  site_url = "www.${var.site_domain}"
}

# The scheme is literal: v3 sent it as the protocol and the rest as the host.
resource "aws_s3_bucket" "apex" {
  bucket = var.site_domain
}

resource "aws_s3_bucket_website_configuration" "apex" {
  bucket = aws_s3_bucket.apex.id

  redirect_all_requests_to {
    host_name = local.site_url
    protocol  = "https"
  }
}

resource "aws_s3_bucket" "resume" {
  bucket = "resume-redirect"
}

resource "aws_s3_bucket_website_configuration" "resume" {
  bucket = aws_s3_bucket.resume.id

  redirect_all_requests_to {
    host_name = "resume.s3-website-${var.aws_region}.amazonaws.com"
    protocol  = "https"
  }
}

# The scheme itself is an input: left for a person.
resource "aws_s3_bucket" "scheme" {
  bucket = "scheme-redirect"

  website {
    redirect_all_requests_to = "${var.aws_region == "us-east-1" ? "https" : "http"}://${local.site_url}"
  }
}
