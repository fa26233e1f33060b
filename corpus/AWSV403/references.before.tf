resource "aws_s3_bucket" "logs" {
  bucket = "acme-access-logs"
}

resource "aws_s3_bucket" "app" {
  count  = 2
  bucket = "acme-app-${count.index}"

  logging {
    target_bucket = aws_s3_bucket.logs.id
    target_prefix = "app-${count.index}/"
  }
}

resource "aws_athena_named_query" "access" {
  count    = 2
  name     = "access-${count.index}"
  database = "logs"
  query    = "SELECT * FROM logs WHERE key LIKE '${aws_s3_bucket.app[count.index].logging[0].target_prefix}%'"
}

output "log_targets" {
  value = [for i in range(2) : aws_s3_bucket.app[i].logging[0].target_bucket]
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
