# A provider pin older than aws_s3_bucket_replication_configuration: reported, not split.
provider "aws" {
  region  = "eu-west-1"
  version = "3.70.0"
}

resource "aws_s3_bucket" "source" {
  bucket = "src-bucket"

  versioning {
    enabled = true
  }

  replication_configuration {
    role = "arn:aws:iam::123456789012:role/replication"

    rules {
      id     = "all"
      status = "Enabled"

      destination {
        bucket = "arn:aws:s3:::dst-bucket"
      }
    }
  }
}
