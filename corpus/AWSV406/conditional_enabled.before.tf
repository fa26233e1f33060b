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

  dynamic "lifecycle_rule" {
    for_each = var.lifecycle_rule
    content {
      enabled = length(var.lifecycle_rule) >= 1 ? true : false

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

  lifecycle_rule {
    id      = "expire"
    enabled = var.environment == "prod"

    expiration {
      days = 90
    }
  }

  lifecycle_rule {
    id      = "archive"
    enabled = var.environment != "dev" && length(var.lifecycle_rule) == 0

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
