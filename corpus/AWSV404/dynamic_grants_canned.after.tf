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

data "aws_canonical_user_id" "current" {}

resource "aws_s3_bucket" "site" {
  bucket = "acme-site-assets"
}

resource "aws_s3_bucket_ownership_controls" "site" {
  count = length(var.acl == null ? var.grants : []) > 0 || (var.acl != null && var.acl != "private") ? 1 : 0

  bucket = aws_s3_bucket.site.id

  rule {
    object_ownership = "ObjectWriter"
  }
}

resource "aws_s3_bucket_acl" "site" {
  count = length(var.acl == null ? var.grants : []) > 0 || (var.acl != null && var.acl != "private") ? 1 : 0

  bucket = aws_s3_bucket.site.id
  acl    = var.acl

  dynamic "access_control_policy" {
    for_each = length(var.acl == null ? var.grants : []) > 0 ? [1] : []

    content {
      dynamic "grant" {
        for_each = flatten([
          for grant in(var.acl == null ? var.grants : []) : [
            for permission in grant.permissions : {
              id         = lookup(grant, "id", null)
              type       = grant.type
              uri        = lookup(grant, "uri", null)
              permission = permission
            }
          ]
        ])

        content {
          grantee {
            id   = grant.value.id
            type = grant.value.type
            uri  = grant.value.uri
          }
          permission = grant.value.permission
        }
      }

      owner {
        id = data.aws_canonical_user_id.current.id
      }
    }
  }

  depends_on = [aws_s3_bucket_ownership_controls.site]
}
