variable "names" {
  type = list(string)
}

# Only the first bucket of the list is locked: which one depends on count.index.
resource "aws_s3_bucket" "vault" {
  count = length(var.names)

  bucket = var.names[count.index]

  dynamic "object_lock_configuration" {
    for_each = count.index == 0 ? ["lock"] : []

    content {
      object_lock_enabled = "Enabled"
    }
  }
}

# provider v3 accepted only "Enabled" here.
resource "aws_s3_bucket" "disabled" {
  bucket = "acme-not-locked"

  dynamic "object_lock_configuration" {
    for_each = var.names
    content {
      object_lock_enabled = "Disabled"
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
