terraform {
  required_providers {
    aws = "< 4.5"
  }
}

variable "s3_bucket_name" {
  type = string
}

data "aws_elb_service_account" "main" {}

data "aws_iam_policy_document" "main" {
  statement {
    sid       = "alb-logs-put-object"
    actions   = ["s3:PutObject"]
    resources = ["arn:aws:s3:::${var.s3_bucket_name}/alb/AWSLogs/*"]
    principals {
      type        = "AWS"
      identifiers = [data.aws_elb_service_account.main.arn]
    }
  }
}

resource "aws_s3_bucket" "aws_logs" {
  bucket = var.s3_bucket_name
  policy = data.aws_iam_policy_document.main.json

  server_side_encryption_configuration {
    rule {
      apply_server_side_encryption_by_default {
        sse_algorithm = "AES256"
      }
    }
  }
}
