resource "aws_s3_bucket" "tmp" {
  bucket = "acme-tmp"

  lifecycle {
    ignore_changes = [lifecycle_rule]
  }
}

resource "aws_s3_bucket_lifecycle_configuration" "tmp" {
  bucket = aws_s3_bucket.tmp.id

  rule {
    id     = "expire"
    status = "Enabled"

    filter {}

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
