resource "aws_s3_bucket" "secure" {
  bucket = "secure-bucket-123456"

  # CKV_AWS_21: versioning keeps every version of the state.
  versioning {
    enabled = true # required by the backup policy
    # mfa_delete = true   # needs the root account's MFA device: set by hand
  }

  tags = {
    Name = "secure"
  }
}

resource "aws_s3_bucket" "scratch" {
  bucket = "scratch-bucket-123456"

  // SI-12: scratch data is not versioned.
  versioning {
    enabled = false
  }
}

resource "aws_s3_bucket" "first" {
  # versioning first
  versioning {
    enabled = true
  }
  bucket = "first-bucket-123456"
}

terraform {
  required_providers {
    aws = {
      source  = "hashicorp/aws"
      version = ">= 3.75"
    }
  }
}
