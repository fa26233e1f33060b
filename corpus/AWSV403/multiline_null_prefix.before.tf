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

  logging {
    target_bucket = "logs"
    target_prefix = lookup(
      var.logging,
      "prefix",
      null
    )
  }
}

# A conditional over several lines, grouped, whose false branch is null.
resource "aws_s3_bucket" "conditional" {
  bucket = "conditional"

  logging {
    target_bucket = "logs"
    target_prefix = (var.on
      ? "x/  y/"
    : null)
  }
}

# try() with a comment between its arguments and a trailing comma.
resource "aws_s3_bucket" "try" {
  bucket = "try"

  logging {
    target_bucket = "logs"
    target_prefix = try(
      var.logging["prefix"], # the team's prefix
      null,
    )
  }
}

# A variable that defaults to null, and a local that may be null.
resource "aws_s3_bucket" "variable" {
  bucket = "variable"

  logging {
    target_bucket = "logs"
    target_prefix = var.prefix
  }
}

resource "aws_s3_bucket" "local" {
  bucket = "local"

  logging {
    target_bucket = "logs"
    target_prefix = local.prefix
  }
}

# A dynamic logging block whose content reads its element over several lines, and a
# tag that only reads like the iterator.
resource "aws_s3_bucket" "dynamic" {
  bucket = "dynamic"

  tags = {
    note = "logging.value is set by the platform team"
  }

  dynamic "logging" {
    for_each = var.on ? [var.logging] : []

    content {
      target_bucket = logging.value["bucket"]
      target_prefix = lookup(
        logging.value,
        "prefix",
        null
      )
    }
  }
}
