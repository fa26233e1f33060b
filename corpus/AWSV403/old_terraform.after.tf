terraform {
  required_version = "~> 1.3.0"
}

resource "aws_s3_bucket" "reports" {
  bucket = "acme-reports"
  acl    = "private"
  policy = file("${path.module}/reports-policy.json")

  versioning {
    enabled = true
  }

  server_side_encryption_configuration {
    rule {
      apply_server_side_encryption_by_default {
        sse_algorithm = "AES256"
      }
    }
  }

  grant {
    type        = "Group"
    uri         = "http://acs.amazonaws.com/groups/s3/LogDelivery"
    permissions = ["READ_ACP", "WRITE"]
  }

  lifecycle {
    ignore_changes = [logging]
  }
}

resource "aws_s3_bucket_logging" "reports" {
  bucket        = aws_s3_bucket.reports.id
  target_bucket = "acme-logs"
  target_prefix = "reports/"
}

resource "aws_s3_bucket" "scratch" {
  count  = 2
  bucket = "acme-scratch-${count.index}"

  versioning {
    enabled = true
  }

  server_side_encryption_configuration {
    rule {
      apply_server_side_encryption_by_default {
        sse_algorithm = "AES256"
      }
    }
  }

  acl    = "private"
  policy = data.aws_iam_policy_document.scratch[count.index].json

  lifecycle {
    ignore_changes = [logging]
  }
}

resource "aws_s3_bucket_logging" "scratch" {
  count = 2

  bucket        = aws_s3_bucket.scratch[count.index].id
  target_bucket = "acme-logs"
  target_prefix = ""
}

terraform {
  required_providers {
    aws = {
      source  = "hashicorp/aws"
      version = ">= 3.75"
    }
  }
}
