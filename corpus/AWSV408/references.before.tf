resource "aws_s3_bucket" "uploads" {
  for_each            = toset(["eu", "us"])
  bucket              = "acme-uploads-${each.key}"
  acceleration_status = "Enabled"
}

output "accelerated" {
  value = { for k, b in aws_s3_bucket.uploads : k => aws_s3_bucket.uploads[k].acceleration_status == "Enabled" }
}

terraform {
  required_providers {
    aws = {
      source  = "hashicorp/aws"
      version = ">= 3.75"
    }
  }
}
