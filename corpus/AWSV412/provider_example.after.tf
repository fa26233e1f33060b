resource "aws_s3_bucket" "source" {
  bucket = "tf-test-bucket-source-12345"
  acl    = "private"

  versioning {
    enabled = true
  }

  lifecycle {
    ignore_changes = [replication_configuration]
  }
}

resource "aws_s3_bucket_replication_configuration" "source" {
  bucket = aws_s3_bucket.source.id
  role   = aws_iam_role.replication.arn

  rule {
    id     = "foobar"
    status = "Enabled"

    delete_marker_replication {
      status = "Disabled"
    }

    filter {}

    destination {
      bucket        = aws_s3_bucket.destination.arn
      storage_class = "STANDARD"

      replication_time {
        status = "Enabled"
        time {
          minutes = 15
        }
      }

      metrics {
        status = "Enabled"
        event_threshold {
          minutes = 15
        }
      }
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
