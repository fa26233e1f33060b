terraform {
  required_version = ">= 1.7.0, < 2.0.0"

  required_providers {
    aws = {
      source  = "hashicorp/aws"
      version = ">= 4.0"
    }
  }
}

resource "aws_s3_bucket" "docs" {
  bucket = "docs"
}

resource "aws_s3_bucket_object" "readme" {
  bucket  = aws_s3_bucket.docs.id
  key     = "readme.txt"
  content = "hello"
}

moved {
  from = aws_s3_bucket_object.old_readme
  to   = aws_s3_bucket_object.readme
}

output "readme_etag" {
  value = aws_s3_bucket_object.readme.etag
}
