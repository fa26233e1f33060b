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

  replication_configuration {
    role = "arn:aws:iam::123456789012:role/replication"

    rules {
      id     = "all"
      status = "Enabled"

      # Null where the map has no entry: v3 sent "Disabled" then.
      delete_marker_replication_status = lookup(
        var.replication,
        "delete_markers",
        null
      )

      filter {
        prefix = "data/"
      }

      destination {
        bucket = "arn:aws:s3:::replica"

        metrics {
          status = (var.on
            ? "Enabled"
          : null)
          minutes = try(
            tonumber(var.replication["minutes"]), # from the platform's settings
            null,
          )
        }
      }
    }
  }
}
