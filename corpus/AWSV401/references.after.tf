variable "buckets" {
  type = map(object({ versioned = bool }))
}

resource "aws_s3_bucket" "data" {
  for_each = var.buckets
  bucket   = "acme-data-${each.key}"
}

resource "aws_s3_bucket_versioning" "data" {
  for_each = aws_s3_bucket.data

  bucket = aws_s3_bucket.data[each.key].id

  versioning_configuration {
    status     = "Enabled"
    mfa_delete = "Disabled"
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

  depends_on = [aws_s3_bucket_versioning.data]
}

output "versioned" {
  value = { for k, b in aws_s3_bucket.data : k => (aws_s3_bucket_versioning.data[k].versioning_configuration[0].status == "Enabled") }
}

output "mfa_delete" {
  value = (aws_s3_bucket_versioning.data["raw"].versioning_configuration[0].mfa_delete == "Enabled")
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
