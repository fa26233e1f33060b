provider "aws" {
  region = "us-west-2"
}

variable "mfa_delete" {
  type    = bool
  default = false
}

# MFA delete on: aws_s3_bucket_versioning would need the device's serial and a code.
resource "aws_s3_bucket" "vault" {
  bucket = "acme-vault"

  versioning {
    enabled    = true
    mfa_delete = true
  }
}

# Maybe on: the same, for the environments where it is.
resource "aws_s3_bucket" "maybe" {
  bucket = "acme-maybe"

  versioning {
    enabled    = true
    mfa_delete = var.mfa_delete
  }
}

# Off: moves as "Disabled".
resource "aws_s3_bucket" "plain" {
  bucket = "acme-plain"
}

resource "aws_s3_bucket_versioning" "plain" {
  bucket = aws_s3_bucket.plain.id

  versioning_configuration {
    status     = "Enabled"
    mfa_delete = "Disabled"
  }
}
