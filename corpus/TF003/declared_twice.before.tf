# One address declared twice (a copy-paste): Terraform refuses the module.
# Reported as an error at the later copy, naming both; no codemod edits either.
resource "aws_s3_bucket" "s3_bucket" {
  bucket = "transfer-source"
}

data "aws_caller_identity" "current" {}

resource "aws_s3_bucket" "s3_bucket" {
  count  = 1
  bucket = "transfer-target"
}

data "aws_caller_identity" "current" {}
