provider "aws" {
  region = "us-east-1"
}

variable "acl" {
  type    = string
  default = "private"
}

variable "public" {
  type    = bool
  default = false
}

locals {
  private_acl = "private"
}

# A caller may pass "private" (the default) or another ACL.
resource "aws_s3_bucket" "default" {
  bucket = "acme-default"
  acl    = var.acl
}

# Never private: moves, after the ownership setting.
resource "aws_s3_bucket" "logs" {
  bucket = "acme-logs"
  acl    = var.public ? "public-read" : "log-delivery-write"
}

# Always private: removed like a literal "private".
resource "aws_s3_bucket" "fixed" {
  bucket = "acme-fixed"
  acl    = local.private_acl
}
