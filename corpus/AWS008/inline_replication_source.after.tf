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

resource "aws_s3_bucket_public_access_block" "dest" {
  provider = aws.dr

  bucket = aws_s3_bucket.dest.id

  block_public_acls       = true
  block_public_policy     = true
  ignore_public_acls      = true
  restrict_public_buckets = true
}

resource "aws_s3_bucket_server_side_encryption_configuration" "dest" {
  provider = aws.dr

  bucket = aws_s3_bucket.dest.id

  rule {
    apply_server_side_encryption_by_default {
      sse_algorithm = "aws:kms"
    }
    bucket_key_enabled = true
  }
}

# Provider v3 inline replication without sse_kms_encrypted_objects: S3 does not
# replicate SSE-KMS objects, so the source keeps SSE-S3.
resource "aws_s3_bucket" "source" {
  # checkov:skip=CKV_AWS_145:AES256 on purpose: S3 Replication (its replication_configuration block) replicates its objects, which works only with SSE-S3 (tffix AWS008)
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

resource "aws_s3_bucket_public_access_block" "source" {
  bucket = aws_s3_bucket.source.id

  block_public_acls       = true
  block_public_policy     = true
  ignore_public_acls      = true
  restrict_public_buckets = true
}

resource "aws_s3_bucket_server_side_encryption_configuration" "source" {
  bucket = aws_s3_bucket.source.id

  rule {
    apply_server_side_encryption_by_default {
      sse_algorithm = "AES256"
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

resource "aws_s3_bucket_public_access_block" "kms_source" {
  bucket = aws_s3_bucket.kms_source.id

  block_public_acls       = true
  block_public_policy     = true
  ignore_public_acls      = true
  restrict_public_buckets = true
}

resource "aws_s3_bucket_server_side_encryption_configuration" "kms_source" {
  bucket = aws_s3_bucket.kms_source.id

  rule {
    apply_server_side_encryption_by_default {
      sse_algorithm = "aws:kms"
    }
    bucket_key_enabled = true
  }
}
