terraform {
  required_providers {
    aws = {
      source  = "hashicorp/aws"
      version = "~> 4.0"
    }
  }
}

provider "aws" {}

provider "aws" {
  alias  = "dr"
  region = "eu-central-1"
}

resource "aws_iam_role" "replication" {
  name = "s3-replication"
  assume_role_policy = jsonencode({
    Version   = "2012-10-17"
    Statement = [{ Effect = "Allow", Action = "sts:AssumeRole", Principal = { Service = "s3.amazonaws.com" } }]
  })
}

resource "aws_s3_bucket" "dest" {
  provider = aws.dr
  bucket   = "example-data-dr"

  versioning {
    enabled = true
  }
}

# Provider v3 inline replication without sse_kms_encrypted_objects: S3 does not
# replicate SSE-KMS objects, so the source keeps SSE-S3.
resource "aws_s3_bucket" "source" {
  bucket = "example-data"

  versioning {
    enabled = true
  }

  replication_configuration {
    role = aws_iam_role.replication.arn

    rules {
      id     = "all"
      status = "Enabled"

      destination {
        bucket = aws_s3_bucket.dest.arn
      }
    }
  }
}

# The same with SSE-KMS objects selected (and a replica key): KMS is fine.
resource "aws_s3_bucket" "kms_source" {
  bucket = "example-kms-data"

  versioning {
    enabled = true
  }

  replication_configuration {
    role = aws_iam_role.replication.arn

    rules {
      id     = "all"
      status = "Enabled"

      source_selection_criteria {
        sse_kms_encrypted_objects {
          enabled = true
        }
      }

      destination {
        bucket             = aws_s3_bucket.dest.arn
        replica_kms_key_id = "arn:aws:kms:eu-central-1:111122223333:key/example"
      }
    }
  }
}
