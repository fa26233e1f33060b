terraform {
  required_providers {
    aws = {
      source  = "hashicorp/aws"
      version = "3.74.0"
    }
  }
}

provider "aws" {
  region = "eu-west-1"
}

resource "aws_s3_bucket" "source" {
  bucket = "example-replication-source"

  versioning {
    enabled = true
  }

  replication_configuration {
    role = aws_iam_role.replication.arn

    rules {
      id     = "everything"
      status = "Enabled"

      destination {
        bucket        = aws_s3_bucket.replica.arn
        storage_class = "STANDARD_IA"
      }
    }
  }
}

resource "aws_s3_bucket" "guarded" {
  bucket = "example-replication-guarded"

  versioning {
    enabled = true
  }

  replication_configuration {
    role = aws_iam_role.replication.arn

    rules {
      id     = "logs"
      prefix = "logs/"
      status = "Enabled"

      destination {
        bucket = aws_s3_bucket.replica.arn
      }
    }
  }

  lifecycle {
    prevent_destroy = true
    ignore_changes  = [tags]
  }
}

resource "aws_s3_bucket" "replica" {
  bucket = "example-replication-replica"

  versioning {
    enabled = true
  }
}

resource "aws_iam_role" "replication" {
  name = "example-replication"
  assume_role_policy = jsonencode({
    Version = "2012-10-17"
    Statement = [{
      Effect    = "Allow"
      Action    = "sts:AssumeRole"
      Principal = { Service = "s3.amazonaws.com" }
    }]
  })
}
