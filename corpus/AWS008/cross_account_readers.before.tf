# A deployment: it configures its provider.
provider "aws" {
  region = "eu-west-1"
}

variable "partner_account_id" {
  description = "Account of the partner that reads the exports"
  type        = string
}

resource "aws_s3_bucket" "exports" {
  bucket = "acme-partner-exports"
}

resource "aws_s3_bucket_policy" "exports" {
  bucket = aws_s3_bucket.exports.id
  policy = jsonencode({
    Version = "2012-10-17"
    Statement = [{
      Effect    = "Allow"
      Principal = { AWS = "arn:aws:iam::${var.partner_account_id}:root" }
      Action    = ["s3:GetObject"]
      Resource  = "${aws_s3_bucket.exports.arn}/*"
    }]
  })
}
