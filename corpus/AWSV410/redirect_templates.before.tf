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

  website {
    redirect_all_requests_to = "https://${local.site_url}"
  }
}

resource "aws_s3_bucket" "resume" {
  bucket = "resume-redirect"

  website {
    redirect_all_requests_to = "https://resume.s3-website-${var.aws_region}.amazonaws.com"
  }
}

# The scheme itself is an input: left for a person.
resource "aws_s3_bucket" "scheme" {
  bucket = "scheme-redirect"

  website {
    redirect_all_requests_to = "${var.aws_region == "us-east-1" ? "https" : "http"}://${local.site_url}"
  }
}
