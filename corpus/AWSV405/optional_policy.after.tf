# Provider v3 modules made the bucket policy optional with an empty or null
# input; aws_s3_bucket_policy requires one, so those buckets are reported.
variable "custom_bucket_policy" {
  type    = string
  default = ""
}

variable "fixed" {
  type    = string
  default = "{\"Version\":\"2012-10-17\"}"
}

variable "maybe" {}

variable "enabled" {
  type = bool
}

resource "aws_s3_bucket" "a" {
  bucket = "a"
  policy = var.custom_bucket_policy
}

resource "aws_s3_bucket" "b" {
  bucket = "b"

  lifecycle {
    ignore_changes = [policy]
  }
}

resource "aws_s3_bucket_policy" "b" {
  bucket = aws_s3_bucket.b.id
  policy = var.maybe
}

resource "aws_s3_bucket" "c" {
  bucket = "c"
  policy = var.enabled ? data.aws_iam_policy_document.c.json : null
}

resource "aws_s3_bucket" "d" {
  bucket = "d"

  lifecycle {
    ignore_changes = [policy]
  }
}

resource "aws_s3_bucket_policy" "d" {
  bucket = aws_s3_bucket.d.id
  policy = data.aws_iam_policy_document.c.json
}

resource "aws_s3_bucket" "e" {
  bucket = "e"

  lifecycle {
    ignore_changes = [policy]
  }
}

resource "aws_s3_bucket_policy" "e" {
  bucket = aws_s3_bucket.e.id
  policy = var.fixed
}

# Declared in a file this module does not show (a copied main.tf).
resource "aws_s3_bucket" "f" {
  bucket = "f"
  policy = var.not_shown
}

data "aws_iam_policy_document" "c" {}
