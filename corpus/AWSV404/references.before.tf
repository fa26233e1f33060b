variable "name" {
  type = string
}

resource "aws_s3_bucket" "logs" {
  bucket = "${var.name}-logs"
  acl    = "log-delivery-write"
}

resource "aws_s3_bucket" "shared" {
  bucket = "${var.name}-shared"

  grant {
    id          = "1234567890abcdef1234567890abcdef1234567890abcdef1234567890abcdef"
    type        = "CanonicalUser"
    permissions = ["READ"]
  }
}

output "logs_acl" {
  value = aws_s3_bucket.logs.acl
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
