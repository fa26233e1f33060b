# An object written into a bucket whose object-lock default retention moves: the
# retention applies to versions written after it is set, and the bucket reference
# ordered the object after it. The object now waits for the new resource.
terraform {
  required_providers {
    aws = {
      source  = "hashicorp/aws"
      version = "~> 4.5"
    }
  }
}

provider "aws" {
  region = "eu-west-1"
}

resource "aws_s3_bucket" "vault" {
  bucket = "example-vault"

  versioning {
    enabled = true
  }

  object_lock_configuration {
    object_lock_enabled = "Enabled"

    rule {
      default_retention {
        mode = "COMPLIANCE"
        days = 30
      }
    }
  }
}

resource "aws_s3_object" "manifest" {
  bucket  = aws_s3_bucket.vault.id
  key     = "manifest.json"
  content = "{}"
}
