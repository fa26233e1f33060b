terraform {
  required_providers {
    aws = {
      source  = "hashicorp/aws"
      version = "~> 4.0"
    }
  }
}

variable "logging" {
  type    = map(string)
  default = {}
}

variable "prefix" {
  type    = string
  default = null
}

variable "on" {
  type    = bool
  default = false
}

locals {
  prefix = (var.on
    ? "logs/  two spaces/"
  : null)
}

# A lookup over several lines whose fallback is null.
resource "aws_s3_bucket" "lookup" {
  bucket = "lookup"
}

resource "aws_s3_bucket_logging" "lookup" {
  bucket        = aws_s3_bucket.lookup.id
  target_bucket = "logs"
  target_prefix = lookup(var.logging, "prefix", null) == null ? "" : lookup(var.logging, "prefix", null)
}

# A conditional over several lines, grouped, whose false branch is null.
resource "aws_s3_bucket" "conditional" {
  bucket = "conditional"
}

resource "aws_s3_bucket_logging" "conditional" {
  bucket        = aws_s3_bucket.conditional.id
  target_bucket = "logs"
  target_prefix = (var.on
    ? "x/  y/"
  : "")
}

# try() with a comment between its arguments and a trailing comma.
resource "aws_s3_bucket" "try" {
  bucket = "try"
}

resource "aws_s3_bucket_logging" "try" {
  bucket        = aws_s3_bucket.try.id
  target_bucket = "logs"
  target_prefix = try(
    var.logging["prefix"], # the team's prefix
    null,
    ) == null ? "" : try(
    var.logging["prefix"], # the team's prefix
    null,
  )
}

# A variable that defaults to null, and a local that may be null.
resource "aws_s3_bucket" "variable" {
  bucket = "variable"
}

resource "aws_s3_bucket_logging" "variable" {
  bucket        = aws_s3_bucket.variable.id
  target_bucket = "logs"
  target_prefix = var.prefix == null ? "" : var.prefix
}

resource "aws_s3_bucket" "local" {
  bucket = "local"
}

resource "aws_s3_bucket_logging" "local" {
  bucket        = aws_s3_bucket.local.id
  target_bucket = "logs"
  target_prefix = local.prefix == null ? "" : local.prefix
}

# A dynamic logging block whose content reads its element over several lines, and a
# tag that only reads like the iterator.
resource "aws_s3_bucket" "dynamic" {
  bucket = "dynamic"

  tags = {
    note = "logging.value is set by the platform team"
  }
}

resource "aws_s3_bucket_logging" "dynamic" {
  count = var.on ? 1 : 0

  bucket        = aws_s3_bucket.dynamic.id
  target_bucket = var.logging["bucket"]
  target_prefix = lookup(var.logging, "prefix", null) == null ? "" : lookup(var.logging, "prefix", null)
}
