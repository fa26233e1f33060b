terraform {
  required_version = ">= 1.7"

  required_providers {
    aws = {
      source  = "hashicorp/aws"
      version = ">= 4.0"
    }
  }
}

provider "aws" {
  region = "eu-west-1"
}

data "aws_canonical_user_id" "current" {}

locals {
  log_delivery = "http://acs.amazonaws.com/groups/s3/LogDelivery"

  # The bucket owner keeps full control; S3 log delivery writes the access logs.
  log_grants = [
    {
      type        = "CanonicalUser"
      id          = data.aws_canonical_user_id.current.id
      permissions = ["FULL_CONTROL"]
    },
    {
      type        = "Group"
      uri         = local.log_delivery
      permissions = ["READ_ACP", "WRITE"]
    },
  ]
}

resource "aws_s3_bucket" "logs" {
  for_each = toset(["eu", "us"])

  bucket = "acme-access-logs-${each.key}"

  tags = {
    Purpose = "access-logs"
  }
}

resource "aws_s3_bucket_ownership_controls" "logs" {
  for_each = aws_s3_bucket.logs

  bucket = aws_s3_bucket.logs[each.key].id

  rule {
    object_ownership = "ObjectWriter"
  }
}

resource "aws_s3_bucket_acl" "logs" {
  for_each = aws_s3_bucket.logs

  bucket = aws_s3_bucket.logs[each.key].id

  access_control_policy {
    dynamic "grant" {
      for_each = flatten([
        for entry in local.log_grants : [
          for permission in entry.permissions : {
            type       = entry.type
            id         = try(entry.id, null)
            uri        = try(entry.uri, null)
            permission = permission
          }
        ]
      ])
      iterator = entry

      content {
        grantee {
          type = entry.value.type
          id   = entry.value.id
          uri  = entry.value.uri
        }
        permission = entry.value.permission
      }
    }

    owner {
      id = data.aws_canonical_user_id.current.id
    }
  }

  depends_on = [aws_s3_bucket_ownership_controls.logs]
}
