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

  logging {
    target_bucket = "acme-logs"
    target_prefix = "reports/"
  }

  grant {
    type        = "Group"
    uri         = "http://acs.amazonaws.com/groups/s3/LogDelivery"
    permissions = ["READ_ACP", "WRITE"]
  }

  lifecycle {
    ignore_changes = [server_side_encryption_configuration]
  }
}

resource "aws_s3_bucket_server_side_encryption_configuration" "reports" {
  bucket = aws_s3_bucket.reports.id

  rule {
    apply_server_side_encryption_by_default {
      sse_algorithm = "AES256"
    }
  }
}

resource "aws_s3_bucket" "scratch" {
  count  = 2
  bucket = "acme-scratch-${count.index}"

  versioning {
    enabled = true
  }

  logging {
    target_bucket = "acme-logs"
  }

  acl    = "private"
  policy = data.aws_iam_policy_document.scratch[count.index].json

  lifecycle {
    ignore_changes = [server_side_encryption_configuration]
  }
}

resource "aws_s3_bucket_server_side_encryption_configuration" "scratch" {
  count = 2

  bucket = aws_s3_bucket.scratch[count.index].id

  rule {
    apply_server_side_encryption_by_default {
      sse_algorithm = "AES256"
    }
  }
}

terraform {
  required_providers {
    aws = {
      source  = "hashicorp/aws"
      version = ">= 3.75"
    }
  }
}
