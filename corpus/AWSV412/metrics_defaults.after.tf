provider "aws" {
  region = "eu-west-1"
}

resource "aws_s3_bucket" "source" {
  bucket = "acme-source"

  versioning {
    enabled = true
  }
}

# Replication Time Control with v3's defaults left implicit.
resource "aws_s3_bucket_replication_configuration" "source" {
  bucket = aws_s3_bucket.source.id
  role   = "arn:aws:iam::123456789012:role/replication"

  rule {
    id     = "rtc"
    status = "Enabled"

    destination {
      bucket = "arn:aws:s3:::acme-destination"

      metrics {
        status = "Enabled"
        event_threshold {
          minutes = 15
        }
      }

      replication_time {
        status = "Enabled"
        time {
          minutes = 15
        }
      }
    }
  }
}
