variable "buckets" {
  description = "Bucket name => the canonical users it grants access to (none: a private bucket)."
  type = map(object({
    grants = list(object({ id = string, permissions = list(string) }))
  }))
}

data "aws_canonical_user_id" "current" {}

resource "aws_s3_bucket" "shared" {
  for_each = var.buckets
  bucket   = each.key

  lifecycle {
    ignore_changes = [acl, grant]
  }
}

resource "aws_s3_bucket_ownership_controls" "shared" {
  for_each = { for k, v in var.buckets : k => v if length(v.grants) > 0 }

  bucket = aws_s3_bucket.shared[each.key].id

  rule {
    object_ownership = "ObjectWriter"
  }
}

resource "aws_s3_bucket_acl" "shared" {
  for_each = { for k, v in var.buckets : k => v if length(v.grants) > 0 }

  bucket = aws_s3_bucket.shared[each.key].id

  access_control_policy {
    dynamic "grant" {
      for_each = flatten([
        for grant in each.value.grants : [
          for permission in grant.permissions : {
            id         = grant.id
            type       = "CanonicalUser"
            permission = permission
          }
        ]
      ])

      content {
        grantee {
          id   = grant.value.id
          type = grant.value.type
        }
        permission = grant.value.permission
      }
    }

    owner {
      id = data.aws_canonical_user_id.current.id
    }
  }

  depends_on = [aws_s3_bucket_ownership_controls.shared]
}

terraform {
  required_providers {
    aws = {
      source  = "hashicorp/aws"
      version = ">= 3.75"
    }
  }
}
