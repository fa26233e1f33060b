resource "aws_s3_bucket" "regional" {
  count    = 2
  provider = aws.primary
  bucket   = "acme-regional-${count.index}"

  versioning {
    enabled = true
  }

  lifecycle {
    ignore_changes = [replication_configuration]
  }
}

resource "aws_s3_bucket_replication_configuration" "regional" {
  provider = aws.primary
  count    = 2

  bucket = aws_s3_bucket.regional[count.index].id
  role   = aws_iam_role.replication.arn

  rule {
    id     = "to-dr-${count.index}"
    status = "Enabled"

    delete_marker_replication {
      status = "Disabled"
    }

    filter {
      tag {
        key   = "Tier"
        value = "gold"
      }
    }

    destination {
      bucket = aws_s3_bucket.dr[count.index].arn
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
