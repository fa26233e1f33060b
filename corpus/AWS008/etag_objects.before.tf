# Objects tracked by `etag = filemd5(...)` need ETags that are the MD5 of their
# content, which S3 gives only without SSE-KMS: the code bucket gets SSE-S3.
data "archive_file" "app" {
  type        = "zip"
  source_dir  = "${path.module}/src"
  output_path = "${path.module}/app.zip"
}

resource "aws_s3_bucket" "code" {
  bucket_prefix = "lambda-code-"
}

resource "aws_s3_object" "app" {
  bucket = aws_s3_bucket.code.id
  key    = "app.zip"
  source = data.archive_file.app.output_path
  etag   = filemd5(data.archive_file.app.output_path)
}

# Objects uploaded for_each, through a local naming the bucket, with the
# provider v3 resource: the same.
locals {
  assets_bucket = aws_s3_bucket.assets.id
}

resource "aws_s3_bucket" "assets" {
  bucket = "site-assets"
}

resource "aws_s3_bucket_object" "asset" {
  for_each = fileset("${path.module}/assets", "**")

  bucket = local.assets_bucket
  key    = each.value
  source = "${path.module}/assets/${each.value}"
  etag   = md5(file("${path.module}/assets/${each.value}"))
}

# An object that chooses its own encryption is not affected by the default:
# this bucket gets SSE-KMS.
resource "aws_s3_bucket" "reports" {
  bucket = "reports"
}

resource "aws_s3_object" "report" {
  bucket                 = aws_s3_bucket.reports.id
  key                    = "report.csv"
  source                 = "report.csv"
  etag                   = filemd5("report.csv")
  server_side_encryption = "AES256"
}

# Already on SSE-KMS with an etag-tracked object: the plan never converges;
# reported with the way out (source_hash).
resource "aws_s3_bucket" "config" {
  bucket = "app-config"
}

resource "aws_s3_bucket_public_access_block" "config" {
  bucket = aws_s3_bucket.config.id

  block_public_acls       = true
  block_public_policy     = true
  ignore_public_acls      = true
  restrict_public_buckets = true
}

resource "aws_s3_bucket_versioning" "config" {
  bucket = aws_s3_bucket.config.id

  versioning_configuration {
    status = "Enabled"
  }
}

resource "aws_s3_bucket_server_side_encryption_configuration" "config" {
  bucket = aws_s3_bucket.config.id

  rule {
    apply_server_side_encryption_by_default {
      sse_algorithm = "aws:kms"
    }
  }
}

resource "aws_s3_object" "settings" {
  bucket = aws_s3_bucket.config.id
  key    = "settings.json"
  source = "settings.json"
  etag   = filemd5("settings.json")
}

provider "aws" {
  region = "eu-west-1"
}
