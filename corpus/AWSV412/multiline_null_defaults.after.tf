terraform {
  required_providers {
    aws = {
      source  = "hashicorp/aws"
      version = "~> 4.0"
    }
  }
}

variable "replication" {
  type    = map(string)
  default = {}
}

variable "on" {
  type    = bool
  default = true
}

resource "aws_s3_bucket" "source" {
  bucket = "source"
}

# Null where the map has no entry: v3 sent "Disabled" then.
resource "aws_s3_bucket_replication_configuration" "source" {
  bucket = aws_s3_bucket.source.id
  role   = "arn:aws:iam::123456789012:role/replication"

  rule {
    id     = "all"
    status = "Enabled"

    delete_marker_replication {
      status = lookup(var.replication, "delete_markers", null) == null ? "Disabled" : lookup(var.replication, "delete_markers", null)
    }

    filter {
      prefix = "data/"
    }

    destination {
      bucket = "arn:aws:s3:::replica"

      metrics {
        status = (var.on
          ? "Enabled"
        : "Enabled")
        event_threshold {
          minutes = try(
            tonumber(var.replication["minutes"]), # from the platform's settings
            null,
            ) == null ? 15 : try(
            tonumber(var.replication["minutes"]), # from the platform's settings
            null,
          )
        }
      }
    }
  }
}
