# Optional v3 arguments that v4 requires, given by expressions that can be null: v3
# read null as "not set" (a rule with a filter then sent delete marker replication
# "Disabled", metrics and replication time "Enabled" / 15 minutes); null in v4's
# required arguments fails the plan, so the null becomes v3's value.
terraform {
  required_providers {
    aws = {
      source  = "hashicorp/aws"
      version = ">= 4.0"
    }
  }
}

provider "aws" {
  region = "eu-west-1"
}

variable "replicate_deletes" {
  type    = bool
  default = false
}

variable "metrics_minutes" {
  type    = number
  default = null
}

resource "aws_s3_bucket" "bucket" {
  bucket = "example-replicated"

  versioning {
    enabled = true
  }
}

resource "aws_s3_bucket_replication_configuration" "bucket" {
  bucket = aws_s3_bucket.bucket.id
  role   = "arn:aws:iam::123456789012:role/replication"

  rule {
    id       = "replication"
    priority = 1
    status   = "Enabled"

    delete_marker_replication {
      status = var.replicate_deletes ? "Enabled" : "Disabled"
    }

    filter {}

    destination {
      bucket        = "arn:aws:s3:::example-replica"
      storage_class = "STANDARD"

      metrics {
        status = lookup({ on = "Enabled" }, "on", null) == null ? "Enabled" : lookup({ on = "Enabled" }, "on", null)
        event_threshold {
          minutes = var.metrics_minutes == null ? 15 : var.metrics_minutes
        }
      }
    }
  }
}
