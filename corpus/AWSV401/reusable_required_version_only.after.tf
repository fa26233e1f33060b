# A reusable module whose terraform block says which Terraform it needs but not
# which AWS provider: required_providers goes into that block, after
# required_version, as the Terraform documentation writes it.
terraform {
  required_version = ">= 1.3"

  required_providers {
    aws = {
      source  = "hashicorp/aws"
      version = ">= 3.75"
    }
  }
}

variable "name" {
  type = string
}

resource "aws_s3_bucket" "logs" {
  bucket = "${var.name}-logs"

  tags = {
    Name = "${var.name}-logs"
  }
}

resource "aws_s3_bucket_versioning" "logs" {
  bucket = aws_s3_bucket.logs.id

  versioning_configuration {
    status = "Enabled"
  }
}
