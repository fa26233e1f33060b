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

  dynamic "grant" {
    for_each = local.log_grants
    iterator = entry

    content {
      type        = entry.value.type
      id          = try(entry.value.id, null)
      uri         = try(entry.value.uri, null)
      permissions = entry.value.permissions
    }
  }

  tags = {
    Purpose = "access-logs"
  }
}
