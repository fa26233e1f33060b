resource "aws_s3_bucket" "primary" {
  bucket = "acme-primary"

  versioning {
    enabled = true
  }

  lifecycle {
    ignore_changes = [replication_configuration]
  }
}

resource "aws_s3_bucket_replication_configuration" "primary" {
  bucket = aws_s3_bucket.primary.id
  role   = "arn:aws:iam::111122223333:role/replication"

  rule {
    id       = "kms"
    priority = 1
    status   = "Enabled"

    delete_marker_replication {
      status = "Enabled"
    }

    filter {
      and {
        prefix = "secure/"
        tags = {
          Replicate = "yes"
        }
      }
    }

    destination {
      bucket        = "arn:aws:s3:::acme-dr"
      storage_class = "STANDARD_IA"
      account       = "444455556666"

      encryption_configuration {
        replica_kms_key_id = "arn:aws:kms:us-west-2:444455556666:key/abcd"
      }

      access_control_translation {
        owner = "Destination"
      }
    }

    source_selection_criteria {
      sse_kms_encrypted_objects {
        status = "Enabled"
      }
    }
  }

  rule {
    id     = "logs"
    prefix = "logs/"
    status = "Disabled"

    destination {
      bucket = "arn:aws:s3:::acme-dr"
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
