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

  website {
    index_document = "index.html"
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
