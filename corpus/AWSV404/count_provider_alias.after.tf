terraform {
  required_version = ">= 1.7"

  required_providers {
    aws = {
      source  = "hashicorp/aws"
      version = "~> 4.0"
    }
  }
}

provider "aws" {
  alias  = "replica"
  region = "eu-west-1"
}

variable "names" {
  type = list(string)
}

resource "aws_s3_bucket" "archive" {
  count    = length(var.names)
  provider = aws.replica

  bucket = "archive-${var.names[count.index]}"
  policy = jsonencode({
    Version = "2012-10-17"
    Statement = [{
      Sid       = "DenyInsecure"
      Effect    = "Deny"
      Principal = "*"
      Action    = "s3:*"
      Resource  = "arn:aws:s3:::archive-${var.names[count.index]}/*"
      Condition = { Bool = { "aws:SecureTransport" = "false" } }
    }]
  })

  versioning {
    enabled    = true
    mfa_delete = false
  }

  logging {
    target_bucket = "central-logs"
    target_prefix = "archive/${var.names[count.index]}/"
  }

  server_side_encryption_configuration {
    rule {
      apply_server_side_encryption_by_default {
        sse_algorithm = "AES256"
      }
      bucket_key_enabled = false
    }
  }
}
