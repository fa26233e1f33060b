resource "aws_s3_bucket" "regional" {
  count    = 2
  provider = aws.eu

  bucket              = "regional-assets-${count.index}"
  acceleration_status = "Suspended"
  request_payer       = "Requester"

  cors_rule {
    allowed_methods = ["GET", "HEAD"]
    allowed_origins = ["https://app-${count.index}.example.com"]
  }

  lifecycle {
    ignore_changes = [website]
  }
}

resource "aws_s3_bucket_website_configuration" "regional" {
  provider = aws.eu
  count    = 2

  bucket = aws_s3_bucket.regional[count.index].id

  index_document {
    suffix = "index.html"
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
