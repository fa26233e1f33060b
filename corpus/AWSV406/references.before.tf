resource "aws_s3_bucket" "tmp" {
  bucket = "acme-tmp"

  lifecycle_rule {
    id      = "expire"
    enabled = true

    expiration {
      days = 7
    }
  }
}

output "tmp_expiry_days" {
  value = aws_s3_bucket.tmp.lifecycle_rule[0].expiration[0].days
}

terraform {
  required_providers {
    aws = {
      source  = "hashicorp/aws"
      version = ">= 3.75"
    }
  }
}
