resource "aws_s3_bucket" "logs" {
  bucket = "ops-logs-123456"

  lifecycle_rule {
    id      = "expire"
    enabled = "true"

    expiration {
      days = 90
    }
  }

  lifecycle_rule {
    id      = "old"
    enabled = "false"
    prefix  = "old/"

    expiration {
      days = 30
    }
  }
}

terraform {
  required_providers {
    aws = {
      source  = "hashicorp/aws"
      version = ">= 3.75"
    }
  }
}
