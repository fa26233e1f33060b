resource "aws_kms_key" "main" {
  description         = "artifacts"
  enable_key_rotation = true
}

resource "aws_s3_bucket" "artifacts" {
  bucket = "pipeline-artifacts"

  tags = {
    Name = "artifacts"
  }
}

output "bucket" {
  value = aws_s3_bucket.artifacts.id
}

provider "aws" {
  region = "eu-west-1"
}
