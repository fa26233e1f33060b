locals {
  buckets = {
    raw     = { acl = "private", key = "alias/raw" }
    curated = { acl = "log-delivery-write", key = "alias/curated" }
  }
}

resource "aws_s3_bucket" "lake" {
  for_each = local.buckets

  bucket = "lake-${each.key}"
  acl    = each.value.acl

  policy = <<POLICY
{
  "Version": "2012-10-17",
  "Statement": [
    {
      "Effect": "Deny",
      "Principal": "*",
      "Action": "s3:DeleteBucket",
      "Resource": "arn:aws:s3:::lake-${each.key}"
    }
  ]
}
POLICY

  versioning {
    enabled = true
  }

  logging {
    target_bucket = aws_s3_bucket.logs.id
    target_prefix = "${each.key}/"
  }

  server_side_encryption_configuration {
    rule {
      apply_server_side_encryption_by_default {
        sse_algorithm     = "aws:kms"
        kms_master_key_id = each.value.key
      }
      bucket_key_enabled = true
    }
  }

  depends_on = [aws_s3_bucket_acl.logs]
}

resource "aws_s3_bucket" "logs" {
  bucket = "lake-logs"

  versioning {
    enabled = false
  }

  lifecycle {
    ignore_changes = [acl, grant]
  }
}

resource "aws_s3_bucket_ownership_controls" "logs" {
  bucket = aws_s3_bucket.logs.id

  rule {
    object_ownership = "ObjectWriter"
  }
}

resource "aws_s3_bucket_acl" "logs" {
  bucket = aws_s3_bucket.logs.id
  acl    = "log-delivery-write"

  depends_on = [aws_s3_bucket_ownership_controls.logs]
}

terraform {
  required_providers {
    aws = {
      source  = "hashicorp/aws"
      version = ">= 3.75"
    }
  }
}
