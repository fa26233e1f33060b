resource "aws_s3_bucket" "audit" {
  bucket              = "acme-audit"
  object_lock_enabled = true
  acl                 = "private"

  tags = {
    Team = "security"
  }
}

terraform {
  required_providers {
    aws = {
      source  = "hashicorp/aws"
      version = ">= 4.5"
    }
  }
}
