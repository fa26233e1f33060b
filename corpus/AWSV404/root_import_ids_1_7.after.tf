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
}

resource "aws_s3_bucket_ownership_controls" "static" {
  bucket = aws_s3_bucket.static.id

  rule {
    object_ownership = "ObjectWriter"
  }
}

resource "aws_s3_bucket_acl" "static" {
  bucket = aws_s3_bucket.static.id
  acl    = "public-read"

  depends_on = [aws_s3_bucket_ownership_controls.static]
}

resource "aws_s3_bucket" "env" {
  bucket = "${local.prefix}-reports"
}

resource "aws_s3_bucket_ownership_controls" "env" {
  bucket = aws_s3_bucket.env.id

  rule {
    object_ownership = "ObjectWriter"
  }
}

resource "aws_s3_bucket_acl" "env" {
  bucket = aws_s3_bucket.env.id
  acl    = "log-delivery-write"

  depends_on = [aws_s3_bucket_ownership_controls.env]
}

resource "aws_s3_bucket" "team" {
  for_each = var.teams
  bucket   = "${local.prefix}-${each.value.name}"
}

resource "aws_s3_bucket_ownership_controls" "team" {
  for_each = aws_s3_bucket.team

  bucket = aws_s3_bucket.team[each.key].id

  rule {
    object_ownership = "ObjectWriter"
  }
}

resource "aws_s3_bucket_acl" "team" {
  for_each = aws_s3_bucket.team

  bucket = aws_s3_bucket.team[each.key].id
  acl    = "log-delivery-write"

  depends_on = [aws_s3_bucket_ownership_controls.team]
}

resource "aws_s3_bucket" "regional" {
  count  = length(var.regions)
  bucket = "${local.prefix}-${var.regions[count.index]}"
}

resource "aws_s3_bucket_ownership_controls" "regional" {
  count = length(var.regions)

  bucket = aws_s3_bucket.regional[count.index].id

  rule {
    object_ownership = "ObjectWriter"
  }
}

resource "aws_s3_bucket_acl" "regional" {
  count = length(var.regions)

  bucket = aws_s3_bucket.regional[count.index].id
  acl    = "log-delivery-write"

  depends_on = [aws_s3_bucket_ownership_controls.regional]
}

# Not known when Terraform plans: a generated name, another resource, a data source.
resource "aws_s3_bucket" "scratch" {
  bucket_prefix = "acme-scratch-"
}

resource "aws_s3_bucket_ownership_controls" "scratch" {
  bucket = aws_s3_bucket.scratch.id

  rule {
    object_ownership = "ObjectWriter"
  }
}

resource "aws_s3_bucket_acl" "scratch" {
  bucket = aws_s3_bucket.scratch.id
  acl    = "log-delivery-write"

  depends_on = [aws_s3_bucket_ownership_controls.scratch]
}

resource "aws_s3_bucket" "random" {
  bucket = "acme-${random_id.suffix.hex}"
}

resource "aws_s3_bucket_ownership_controls" "random" {
  bucket = aws_s3_bucket.random.id

  rule {
    object_ownership = "ObjectWriter"
  }
}

resource "aws_s3_bucket_acl" "random" {
  bucket = aws_s3_bucket.random.id
  acl    = "log-delivery-write"

  depends_on = [aws_s3_bucket_ownership_controls.random]
}

resource "aws_s3_bucket" "account" {
  bucket = "acme-${local.account}-audit"
}

resource "aws_s3_bucket_ownership_controls" "account" {
  bucket = aws_s3_bucket.account.id

  rule {
    object_ownership = "ObjectWriter"
  }
}

resource "aws_s3_bucket_acl" "account" {
  bucket = aws_s3_bucket.account.id
  acl    = "log-delivery-write"

  depends_on = [aws_s3_bucket_ownership_controls.account]
}
