resource "aws_s3_bucket" "regional" {
  count    = 2
  provider = aws.eu

  bucket              = "regional-assets-${count.index}"
  acceleration_status = "Suspended"
  request_payer       = "Requester"

  website {
    index_document = "index.html"
  }

  lifecycle {
    ignore_changes = [cors_rule]
  }
}

resource "aws_s3_bucket_cors_configuration" "regional" {
  provider = aws.eu
  count    = 2

  bucket = aws_s3_bucket.regional[count.index].id

  cors_rule {
    allowed_methods = ["GET", "HEAD"]
    allowed_origins = ["https://app-${count.index}.example.com"]
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
