resource "aws_s3_bucket" "dataset" {
  bucket = "acme-public-dataset"
}

resource "aws_s3_bucket_request_payment_configuration" "dataset" {
  bucket = aws_s3_bucket.dataset.id
  payer  = "Requester"
}

output "who_pays" {
  value = aws_s3_bucket_request_payment_configuration.dataset.payer
}

terraform {
  required_providers {
    aws = {
      source  = "hashicorp/aws"
      version = ">= 3.75"
    }
  }
}
