# The same buckets where required_version ensures Terraform 1.7: every import is a block.
terraform {
  required_version = ">= 1.7"
}

provider "aws" {
  region = "eu-west-1"
}

data "aws_caller_identity" "current" {}

variable "env" {
  type = string
}

variable "teams" {
  type = map(object({ name = string }))
}

variable "regions" {
  type = list(string)
}

locals {
  prefix  = "acme-${var.env}"
  account = data.aws_caller_identity.current.account_id
}

resource "random_id" "suffix" {
  byte_length = 4
}

# Known when Terraform plans: a literal, variables, locals, each.
resource "aws_s3_bucket" "static" {
  bucket = "acme-static-assets"
  acl    = "public-read"
}

resource "aws_s3_bucket" "env" {
  bucket = "${local.prefix}-reports"
  acl    = "log-delivery-write"
}

resource "aws_s3_bucket" "team" {
  for_each = var.teams
  bucket   = "${local.prefix}-${each.value.name}"
  acl      = "log-delivery-write"
}

resource "aws_s3_bucket" "regional" {
  count  = length(var.regions)
  bucket = "${local.prefix}-${var.regions[count.index]}"
  acl    = "log-delivery-write"
}

# Not known when Terraform plans: a generated name, another resource, a data source.
resource "aws_s3_bucket" "scratch" {
  bucket_prefix = "acme-scratch-"
  acl           = "log-delivery-write"
}

resource "aws_s3_bucket" "random" {
  bucket = "acme-${random_id.suffix.hex}"
  acl    = "log-delivery-write"
}

resource "aws_s3_bucket" "account" {
  bucket = "acme-${local.account}-audit"
  acl    = "log-delivery-write"
}
