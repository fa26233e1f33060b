terraform {
  required_providers {
    aws = {
      source  = "hashicorp/aws"
      version = ">= 4.0"
    }
  }
}

provider "aws" {
  region = "us-east-1"
}

variable "acl" {
  description = "Canned ACL; null when grants are given."
  type        = string
  default     = null
}

variable "grants" {
  type = list(object({
    id          = optional(string)
    type        = string
    uri         = optional(string)
    permissions = list(string)
  }))
  default = []
}

resource "aws_s3_bucket" "site" {
  bucket = "acme-site-assets"
  acl    = var.acl

  dynamic "grant" {
    for_each = var.acl == null ? var.grants : []

    content {
      id          = lookup(grant.value, "id", null)
      type        = grant.value.type
      uri         = lookup(grant.value, "uri", null)
      permissions = grant.value.permissions
    }
  }
}
