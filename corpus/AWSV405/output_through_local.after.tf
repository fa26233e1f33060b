# A reusable module hands the bucket out through a local: the output waits for the moved policy too.
terraform {
  required_providers {
    aws = { source = "hashicorp/aws", version = ">= 3.75" }
  }
}

variable "name" {
  type = string
}

data "aws_elb_service_account" "main" {}

resource "aws_s3_bucket" "alb" {
  bucket = var.name

  lifecycle {
    ignore_changes = [policy]
  }
}

resource "aws_s3_bucket_policy" "alb" {
  bucket = aws_s3_bucket.alb.id

  policy = jsonencode({
    Version = "2012-10-17"
    Statement = [{
      Effect    = "Allow"
      Principal = { AWS = data.aws_elb_service_account.main.arn }
      Action    = "s3:PutObject"
      Resource  = "arn:aws:s3:::${var.name}/*"
    }]
  })
}

locals {
  bucket_id = aws_s3_bucket.alb.id
}

output "alb_bucket_id" {
  value = local.bucket_id

  depends_on = [aws_s3_bucket_policy.alb]
}
