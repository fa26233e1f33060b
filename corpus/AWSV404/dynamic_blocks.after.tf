variable "versioning" {
  type    = map(string)
  default = {}
}

variable "logging" {
  type    = map(string)
  default = {}
}

variable "grants" {
  type    = list(any)
  default = []
}

data "aws_canonical_user_id" "current" {}

resource "aws_s3_bucket" "this" {
  bucket = "dynamic-example"

  dynamic "versioning" {
    for_each = length(keys(var.versioning)) == 0 ? [] : [var.versioning]
    content {
      enabled    = lookup(versioning.value, "enabled", null)
      mfa_delete = lookup(versioning.value, "mfa_delete", null)
    }
  }

  dynamic "logging" {
    for_each = length(keys(var.logging)) == 0 ? [] : [var.logging]
    content {
      target_bucket = logging.value.target_bucket
      target_prefix = lookup(logging.value, "target_prefix", null)
    }
  }

  dynamic "server_side_encryption_configuration" {
    for_each = var.kms_key_arn == null ? [] : [var.kms_key_arn]
    content {
      rule {
        apply_server_side_encryption_by_default {
          sse_algorithm     = "aws:kms"
          kms_master_key_id = server_side_encryption_configuration.value
        }
      }
    }
  }

  policy = data.aws_iam_policy_document.this.json

  lifecycle {
    ignore_changes = [acl, grant]
  }
}

resource "aws_s3_bucket_policy" "this" {
  bucket = aws_s3_bucket.this.id
  policy = data.aws_iam_policy_document.extra.json
}

resource "aws_s3_bucket_ownership_controls" "this" {
  count = length(var.grants) > 0 ? 1 : 0

  bucket = aws_s3_bucket.this.id

  rule {
    object_ownership = "ObjectWriter"
  }
}

resource "aws_s3_bucket_acl" "this" {
  count = length(var.grants) > 0 ? 1 : 0

  bucket = aws_s3_bucket.this.id

  access_control_policy {
    dynamic "grant" {
      for_each = flatten([
        for grant in var.grants : [
          for permission in grant.permissions : {
            id         = lookup(grant, "id", null)
            type       = grant.type
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

  depends_on = [aws_s3_bucket_ownership_controls.this]
}

terraform {
  required_providers {
    aws = {
      source  = "hashicorp/aws"
      version = ">= 3.75"
    }
  }
}
