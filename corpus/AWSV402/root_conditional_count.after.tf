provider "aws" {
  region = "eu-central-1"
}

variable "create_logs" {
  type    = bool
  default = true
}

variable "name" {
  type = string
}

# The usual way v3 modules made a bucket optional: count = condition ? 1 : 0.
resource "aws_s3_bucket" "logs" {
  count  = var.create_logs ? 1 : 0
  bucket = "${var.name}-logs"
  acl    = "log-delivery-write"
}

resource "aws_s3_bucket_server_side_encryption_configuration" "logs" {
  count = var.create_logs ? 1 : 0

  bucket = aws_s3_bucket.logs[count.index].id

  rule {
    apply_server_side_encryption_by_default {
      sse_algorithm = "AES256"
    }
  }
}

resource "aws_s3_bucket" "fixed" {
  count  = 2
  bucket = "acme-fixed-${count.index}"
}

resource "aws_s3_bucket_server_side_encryption_configuration" "fixed" {
  count = 2

  bucket = aws_s3_bucket.fixed[count.index].id

  rule {
    apply_server_side_encryption_by_default {
      sse_algorithm     = "aws:kms"
      kms_master_key_id = "alias/acme-s3"
    }
  }
}
