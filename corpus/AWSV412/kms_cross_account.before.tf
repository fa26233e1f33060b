resource "aws_s3_bucket" "primary" {
  bucket = "acme-primary"

  versioning {
    enabled = true
  }

  replication_configuration {
    role = "arn:aws:iam::111122223333:role/replication"

    rules {
      id       = "kms"
      priority = 1
      status   = "Enabled"

      filter {
        prefix = "secure/"
        tags = {
          Replicate = "yes"
        }
      }

      delete_marker_replication_status = "Enabled"

      source_selection_criteria {
        sse_kms_encrypted_objects {
          enabled = true
        }
      }

      destination {
        bucket             = "arn:aws:s3:::acme-dr"
        storage_class      = "STANDARD_IA"
        replica_kms_key_id = "arn:aws:kms:us-west-2:444455556666:key/abcd"
        account_id         = "444455556666"

        access_control_translation {
          owner = "Destination"
        }
      }
    }

    rules {
      id     = "logs"
      prefix = "logs/"
      status = "Disabled"

      destination {
        bucket = "arn:aws:s3:::acme-dr"
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
