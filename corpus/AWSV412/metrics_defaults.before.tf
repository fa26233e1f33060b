provider "aws" {
  region = "eu-west-1"
}

resource "aws_s3_bucket" "source" {
  bucket = "acme-source"

  versioning {
    enabled = true
  }

  replication_configuration {
    role = "arn:aws:iam::123456789012:role/replication"

    # Replication Time Control with v3's defaults left implicit.
    rules {
      id     = "rtc"
      status = "Enabled"

      destination {
        bucket = "arn:aws:s3:::acme-destination"

        metrics {}

        replication_time {
          status = "Enabled"
        }
      }
    }
  }
}
