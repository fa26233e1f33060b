locals {
  lifecycle_folders = ["log", "config"]
}

provider "aws" {
  alias  = "logarch"
  region = "us-east-1"
}

resource "aws_s3_bucket" "log_archive" {
  provider = aws.logarch

  bucket_prefix = "log-archive-"

  dynamic "lifecycle_rule" {
    iterator = current
    for_each = local.lifecycle_folders

    content {
      id      = current.value
      enabled = true
      prefix  = "${current.value}/"

      tags = {
        "rule"      = current.value
        "autoclean" = "true"
      }

      transition {
        days          = 45
        storage_class = "STANDARD_IA"
      }

      transition {
        days          = 90
        storage_class = "GLACIER"
      }

      expiration {
        days = 2738 # 365 * 7.5 (about 7 1/2 years)
      }
    }
  }

  lifecycle {
    prevent_destroy = true
  }
}
