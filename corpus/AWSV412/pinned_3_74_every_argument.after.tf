# Pinned to 3.74.0, which has aws_s3_bucket_replication_configuration: every argument
# the split writes into it (rule.filter.and, rule.destination.account,
# encryption_configuration, replication_time.time, metrics.event_threshold,
# source_selection_criteria.sse_kms_encrypted_objects.status, ...) is asked of the
# provider version table, and none is known to be newer than the resource.
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
  bucket = "example-replication-every-argument"

  versioning {
    enabled = true
  }

  lifecycle {
    ignore_changes = [replication_configuration]
  }
}

resource "aws_s3_bucket_replication_configuration" "source" {
  bucket = aws_s3_bucket.source.id
  role   = "arn:aws:iam::123456789012:role/replication"

  rule {
    id       = "tagged"
    priority = 1
    status   = "Enabled"

    delete_marker_replication {
      status = "Disabled"
    }

    filter {
      and {
        prefix = "logs/"
        tags = {
          replicate = "yes"
        }
      }
    }

    destination {
      bucket        = "arn:aws:s3:::example-replica"
      storage_class = "STANDARD_IA"
      account       = "210987654321"

      encryption_configuration {
        replica_kms_key_id = "arn:aws:kms:eu-west-1:210987654321:key/replica"
      }

      access_control_translation {
        owner = "Destination"
      }

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

    source_selection_criteria {
      sse_kms_encrypted_objects {
        status = "Enabled"
      }
    }
  }
}
