resource "aws_s3_bucket" "audit" {
  bucket = "acme-audit"
  acl    = "private"

  object_lock_configuration {
    object_lock_enabled = "Enabled"
  }

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
