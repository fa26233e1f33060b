# enabled written as an operation: copied in front of `? "Enabled" : "Disabled"`, it
# keeps its meaning only in parentheses (the conditional groups to the right).
variable "bucket_name" {
  type = string
}

variable "environment" {
  type    = string
  default = "prod"
}

variable "lifecycle_rule" {
  type    = list(any)
  default = []
}

resource "aws_s3_bucket" "this" {
  bucket = var.bucket_name

  lifecycle {
    ignore_changes = [lifecycle_rule]
  }
}

resource "aws_s3_bucket_lifecycle_configuration" "this" {
  count = length(var.lifecycle_rule) > 0 ? 1 : 0

  bucket = aws_s3_bucket.this.id

  dynamic "rule" {
    for_each = var.lifecycle_rule
    iterator = lifecycle_rule

    content {
      id     = "rule-1-${lifecycle_rule.key}"
      status = (length(var.lifecycle_rule) >= 1 ? true : false) ? "Enabled" : "Disabled"

      filter {}

      dynamic "transition" {
        for_each = lifecycle_rule.value.transitions
        content {
          storage_class = transition.key
          days          = transition.value
        }
      }
    }
  }
}

resource "aws_s3_bucket" "logs" {
  bucket = "${var.bucket_name}-logs"

  lifecycle {
    ignore_changes = [lifecycle_rule]
  }
}

resource "aws_s3_bucket_lifecycle_configuration" "logs" {
  bucket = aws_s3_bucket.logs.id

  rule {
    id     = "expire"
    status = (var.environment == "prod") ? "Enabled" : "Disabled"

    filter {}

    expiration {
      days = 90
    }
  }

  rule {
    id     = "archive"
    status = (var.environment != "dev" && length(var.lifecycle_rule) == 0) ? "Enabled" : "Disabled"

    filter {}

    transition {
      days          = 30
      storage_class = "GLACIER"
    }
  }
}

terraform {
  required_providers {
    aws = {
      source  = "hashicorp/aws"
      version = ">= 3.75"
    }
  }
}
