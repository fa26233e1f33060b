resource "aws_s3_bucket" "logs" {
  bucket = "ops-logs-123456"

  lifecycle {
    ignore_changes = [lifecycle_rule]
  }
}

resource "aws_s3_bucket_lifecycle_configuration" "logs" {
  bucket = aws_s3_bucket.logs.id

  rule {
    id     = "expire"
    status = "Enabled"

    filter {}

    expiration {
      days = 90
    }
  }

  rule {
    id     = "old"
    status = "Disabled"

    filter {
      prefix = "old/"
    }

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
