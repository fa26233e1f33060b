# A reusable module: the partner account reads the exports, the owner keeps control.
variable "name" {
  type = string
}

variable "partner_canonical_id" {
  type = string
}

data "aws_canonical_user_id" "current" {}

resource "aws_s3_bucket" "exports" {
  count = 2

  bucket = "${var.name}-exports-${count.index}"

  versioning {
    enabled = true
  }

  lifecycle {
    ignore_changes = [acl, grant]
  }
}

resource "aws_s3_bucket_ownership_controls" "exports" {
  count = 2

  bucket = aws_s3_bucket.exports[count.index].id

  rule {
    object_ownership = "ObjectWriter"
  }
}

resource "aws_s3_bucket_acl" "exports" {
  count = 2

  bucket = aws_s3_bucket.exports[count.index].id

  access_control_policy {
    dynamic "grant" {
      for_each = flatten([
        for grant in [{ id = var.partner_canonical_id, permissions = ["READ", "READ_ACP"] }] : [
          for permission in grant["permissions"] : {
            id         = lookup(grant, "id", null)
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

  depends_on = [aws_s3_bucket_ownership_controls.exports]
}

terraform {
  required_providers {
    aws = {
      source  = "hashicorp/aws"
      version = ">= 3.75"
    }
  }
}
