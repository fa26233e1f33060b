variable "acl" {
  type    = string
  default = "private"
}

variable "grants" {
  type = list(object({
    id          = string
    type        = string
    permissions = list(string)
    uri         = string
  }))
  default = null
}

data "aws_canonical_user_id" "current" {}

resource "aws_s3_bucket" "default" {
  bucket = "example-grants"

  lifecycle {
    ignore_changes = [acl, grant]
  }
}

resource "aws_s3_bucket_ownership_controls" "default" {
  count = length(try(length(var.grants), 0) == 0 || try(length(var.acl), 0) > 0 ? [] : var.grants) > 0 || ((try(length(var.grants), 0) == 0 ? var.acl : null) != null && (try(length(var.grants), 0) == 0 ? var.acl : null) != "private") ? 1 : 0

  bucket = aws_s3_bucket.default.id

  rule {
    object_ownership = "ObjectWriter"
  }
}

resource "aws_s3_bucket_acl" "default" {
  count = length(try(length(var.grants), 0) == 0 || try(length(var.acl), 0) > 0 ? [] : var.grants) > 0 || ((try(length(var.grants), 0) == 0 ? var.acl : null) != null && (try(length(var.grants), 0) == 0 ? var.acl : null) != "private") ? 1 : 0

  bucket = aws_s3_bucket.default.id
  acl    = try(length(var.grants), 0) == 0 ? var.acl : null

  dynamic "access_control_policy" {
    for_each = length(try(length(var.grants), 0) == 0 || try(length(var.acl), 0) > 0 ? [] : var.grants) > 0 ? [1] : []

    content {
      dynamic "grant" {
        for_each = flatten([
          for grant in(try(length(var.grants), 0) == 0 || try(length(var.acl), 0) > 0 ? [] : var.grants) : [
            for permission in grant.permissions : {
              id         = grant.id
              type       = grant.type
              uri        = grant.uri
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

  depends_on = [aws_s3_bucket_ownership_controls.default]
}

terraform {
  required_providers {
    aws = {
      source  = "hashicorp/aws"
      version = ">= 3.75"
    }
  }
}
