variable "object_lock_enabled" {
  type    = string
  default = "Enabled"
}

variable "object_lock_rules" {
  type    = any
  default = []
}

resource "aws_s3_bucket" "from_variable" {
  bucket = "acme-locked"

  object_lock_configuration {
    object_lock_enabled = var.object_lock_enabled
  }
}

resource "aws_s3_bucket" "dynamic" {
  bucket = "acme-dynamic-lock"

  dynamic "object_lock_configuration" {
    for_each = var.object_lock_rules
    content {
      object_lock_enabled = "Enabled"
    }
  }
}

terraform {
  required_providers {
    aws = {
      source  = "hashicorp/aws"
      version = ">= 4.5"
    }
  }
}
