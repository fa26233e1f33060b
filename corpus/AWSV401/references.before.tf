variable "buckets" {
  type = map(object({ versioned = bool }))
}

resource "aws_s3_bucket" "data" {
  for_each = var.buckets
  bucket   = "acme-data-${each.key}"

  versioning {
    enabled    = true
    mfa_delete = false
  }
}

resource "aws_s3_bucket" "plain" {
  bucket = "acme-plain"
}

# Replication needs versioning on the source: v3 modules checked the flag.
resource "aws_s3_bucket_replication_configuration" "data" {
  for_each = { for k, b in aws_s3_bucket.data : k => b if b.versioning[0].enabled }

  bucket = each.value.id
  role   = "arn:aws:iam::123456789012:role/replication"

  rule {
    status = "Enabled"

    destination {
      bucket = "arn:aws:s3:::acme-replica-${each.key}"
    }
  }
}

output "versioned" {
  value = { for k, b in aws_s3_bucket.data : k => aws_s3_bucket.data[k].versioning[0].enabled }
}

output "mfa_delete" {
  value = aws_s3_bucket.data["raw"].versioning.0.mfa_delete
}

output "plain_versioning" {
  value = aws_s3_bucket.plain.versioning
}

terraform {
  required_providers {
    aws = {
      source  = "hashicorp/aws"
      version = ">= 3.75"
    }
  }
}
