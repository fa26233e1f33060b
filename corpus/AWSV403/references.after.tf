resource "aws_s3_bucket" "logs" {
  bucket = "acme-access-logs"
}

resource "aws_s3_bucket" "app" {
  count  = 2
  bucket = "acme-app-${count.index}"

  lifecycle {
    ignore_changes = [logging]
  }
}

resource "aws_s3_bucket_logging" "app" {
  count = 2

  bucket        = aws_s3_bucket.app[count.index].id
  target_bucket = aws_s3_bucket.logs.id
  target_prefix = "app-${count.index}/"
}

resource "aws_athena_named_query" "access" {
  count    = 2
  name     = "access-${count.index}"
  database = "logs"
  query    = "SELECT * FROM logs WHERE key LIKE '${aws_s3_bucket_logging.app[count.index].target_prefix}%'"
}

output "log_targets" {
  value = [for i in range(2) : aws_s3_bucket_logging.app[i].target_bucket]
}

output "logging_blocks" {
  value = aws_s3_bucket.app[*].logging
}

terraform {
  required_providers {
    aws = {
      source  = "hashicorp/aws"
      version = ">= 3.75"
    }
  }
}
