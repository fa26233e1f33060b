# A target of S3 server access logs (the canned ACL log-delivery-write exists for
# them) whose default encryption is SSE-KMS: S3 delivers no server access logs to
# it, since the target bucket supports only SSE-S3. Reported; the key is not changed.
provider "aws" {
  region = "eu-west-1"
}

resource "aws_kms_key" "logs" {
  description         = "log bucket"
  enable_key_rotation = true
}

resource "aws_s3_bucket" "logs" {
  bucket = "acme-access-logs"
}

resource "aws_s3_bucket_acl" "logs" {
  bucket = aws_s3_bucket.logs.id
  acl    = "log-delivery-write"
}

resource "aws_s3_bucket_server_side_encryption_configuration" "logs" {
  bucket = aws_s3_bucket.logs.id

  rule {
    apply_server_side_encryption_by_default {
      kms_master_key_id = aws_kms_key.logs.arn
      sse_algorithm     = "aws:kms"
    }
  }
}

# This bucket's own access logs go to a bucket its caller names: it is not a target,
# and its SSE-KMS encryption is no problem for them.
variable "log_bucket_id" {
  type    = string
  default = "acme-central-logs"
}

resource "aws_s3_bucket" "data" {
  bucket = "acme-data"
}

resource "aws_s3_bucket_logging" "data" {
  bucket        = aws_s3_bucket.data.id
  target_bucket = var.log_bucket_id
  target_prefix = "data/"
}

resource "aws_s3_bucket_server_side_encryption_configuration" "data" {
  bucket = aws_s3_bucket.data.id

  rule {
    apply_server_side_encryption_by_default {
      kms_master_key_id = aws_kms_key.logs.arn
      sse_algorithm     = "aws:kms"
    }
  }
}
