terraform {
  required_version = "~> 1.3.0"
}

resource "aws_s3_bucket" "reports" {
  bucket = "acme-reports"
  acl    = "private"

  versioning {
    enabled = true
  }

  logging {
    target_bucket = "acme-logs"
    target_prefix = "reports/"
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
    ignore_changes = [policy]
  }
}

resource "aws_s3_bucket_policy" "reports" {
  bucket = aws_s3_bucket.reports.id
  policy = file("${path.module}/reports-policy.json")
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

  server_side_encryption_configuration {
    rule {
      apply_server_side_encryption_by_default {
        sse_algorithm = "AES256"
      }
    }
  }

  acl = "private"

  lifecycle {
    ignore_changes = [policy]
  }
}

resource "aws_s3_bucket_policy" "scratch" {
  count = 2

  bucket = aws_s3_bucket.scratch[count.index].id
  policy = data.aws_iam_policy_document.scratch[count.index].json
}
