resource "aws_s3_bucket" "uploads" {
  for_each = toset(["eu", "us"])
  bucket   = "acme-uploads-${each.key}"
}

resource "aws_s3_bucket_accelerate_configuration" "uploads" {
  for_each = aws_s3_bucket.uploads

  bucket = aws_s3_bucket.uploads[each.key].id
  status = "Enabled"
}

output "accelerated" {
  value = { for k, b in aws_s3_bucket.uploads : k => aws_s3_bucket_accelerate_configuration.uploads[k].status == "Enabled" }
}

terraform {
  required_providers {
    aws = {
      source  = "hashicorp/aws"
      version = ">= 3.75"
    }
  }
}
