variable "vaults" {
  type = map(object({
    mode = string
    days = number
  }))
}

resource "aws_s3_bucket" "vaults" {
  for_each            = var.vaults
  bucket              = "vault-${each.key}"
  object_lock_enabled = true
}

resource "aws_s3_bucket_object_lock_configuration" "vaults" {
  for_each = var.vaults

  bucket = aws_s3_bucket.vaults[each.key].id

  rule {
    default_retention {
      mode = each.value.mode
      days = each.value.days
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
