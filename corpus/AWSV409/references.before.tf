resource "aws_s3_bucket" "dataset" {
  bucket        = "acme-public-dataset"
  request_payer = "Requester"
}

output "who_pays" {
  value = aws_s3_bucket.dataset.request_payer
}

terraform {
  required_providers {
    aws = {
      source  = "hashicorp/aws"
      version = ">= 3.75"
    }
  }
}
