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

  replication_configuration {
    role = "arn:aws:iam::123456789012:role/replication"

    rules {
      id       = "tagged"
      priority = 1
      status   = "Enabled"

      filter {
        prefix = "logs/"
        tags = {
          replicate = "yes"
        }
      }

      delete_marker_replication_status = "Disabled"

      source_selection_criteria {
        sse_kms_encrypted_objects {
          enabled = true
        }
      }

      destination {
        bucket             = "arn:aws:s3:::example-replica"
        account_id         = "210987654321"
        storage_class      = "STANDARD_IA"
        replica_kms_key_id = "arn:aws:kms:eu-west-1:210987654321:key/replica"

        access_control_translation {
          owner = "Destination"
        }

        replication_time {
          status  = "Enabled"
          minutes = 15
        }

        metrics {
          status  = "Enabled"
          minutes = 15
        }
      }
    }
  }
}
