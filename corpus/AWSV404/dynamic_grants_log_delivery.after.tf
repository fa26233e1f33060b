provider "aws" {
  region = "eu-west-1"
}

variable "grants" {
  description = "Extra grants; when set, the canned ACL must be null (provider v3 refuses both)."
  type        = list(any)
  default     = []
}

data "aws_canonical_user_id" "current" {}

# The access log bucket: log delivery writes to it through the canned ACL.
resource "aws_s3_bucket" "logs" {
  bucket = "acme-logs"
}

resource "aws_s3_bucket_ownership_controls" "logs" {
  count = length(var.grants) > 0 || ((length(var.grants) > 0 ? null : "log-delivery-write") != null && (length(var.grants) > 0 ? null : "log-delivery-write") != "private") ? 1 : 0

  bucket = aws_s3_bucket.logs.id

  rule {
    object_ownership = "ObjectWriter"
  }
}

resource "aws_s3_bucket_acl" "logs" {
  count = length(var.grants) > 0 || ((length(var.grants) > 0 ? null : "log-delivery-write") != null && (length(var.grants) > 0 ? null : "log-delivery-write") != "private") ? 1 : 0

  bucket = aws_s3_bucket.logs.id
  acl    = length(var.grants) > 0 ? null : "log-delivery-write"

  dynamic "access_control_policy" {
    for_each = length(var.grants) > 0 ? [1] : []

    content {
      dynamic "grant" {
        for_each = flatten([
          for grant in var.grants : [
            for permission in grant.permissions : {
              type       = grant.type
              uri        = grant.uri
              permission = permission
            }
          ]
        ])

        content {
          grantee {
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

  depends_on = [aws_s3_bucket_ownership_controls.logs]
}
