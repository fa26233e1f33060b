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
  bucket              = "acme-dynamic-lock"
  object_lock_enabled = length(var.object_lock_rules) > 0
}

terraform {
  required_providers {
    aws = {
      source  = "hashicorp/aws"
      version = ">= 4.5"
    }
  }
}
