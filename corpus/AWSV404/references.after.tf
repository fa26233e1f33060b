variable "name" {
  type = string
}

resource "aws_s3_bucket" "logs" {
  bucket = "${var.name}-logs"

  lifecycle {
    ignore_changes = [acl, grant]
  }
}

resource "aws_s3_bucket_ownership_controls" "logs" {
  bucket = aws_s3_bucket.logs.id

  rule {
    object_ownership = "ObjectWriter"
  }
}

resource "aws_s3_bucket_acl" "logs" {
  bucket = aws_s3_bucket.logs.id
  acl    = "log-delivery-write"

  depends_on = [aws_s3_bucket_ownership_controls.logs]
}

data "aws_canonical_user_id" "current" {}

resource "aws_s3_bucket" "shared" {
  bucket = "${var.name}-shared"

  lifecycle {
    ignore_changes = [acl, grant]
  }
}

resource "aws_s3_bucket_ownership_controls" "shared" {
  bucket = aws_s3_bucket.shared.id

  rule {
    object_ownership = "ObjectWriter"
  }
}

resource "aws_s3_bucket_acl" "shared" {
  bucket = aws_s3_bucket.shared.id

  access_control_policy {
    grant {
      grantee {
        id   = "1234567890abcdef1234567890abcdef1234567890abcdef1234567890abcdef"
        type = "CanonicalUser"
      }
      permission = "READ"
    }

    owner {
      id = data.aws_canonical_user_id.current.id
    }
  }

  depends_on = [aws_s3_bucket_ownership_controls.shared]
}

output "logs_acl" {
  value = aws_s3_bucket_acl.logs.acl
}

output "shared_acl" {
  description = "The canned ACL, empty when grants are used"
  value       = aws_s3_bucket.shared.acl
}

output "shared_grants" {
  value = aws_s3_bucket.shared.grant
}

terraform {
  required_providers {
    aws = {
      source  = "hashicorp/aws"
      version = ">= 3.75"
    }
  }
}
