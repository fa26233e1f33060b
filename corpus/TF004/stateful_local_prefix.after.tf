# A deployment (its provider block says so): TF004 may add the suffix variable.
provider "aws" {
  region = "eu-west-1"
}

# Every name starts with local.name: a suffix there would rename the tables and the
# bucket too (each replaced, its data deleted), so the local stays as it is.
locals {
  name = "${var.org}-${var.app}"
}

variable "org" {
  type = string
}

variable "app" {
  type = string
}

resource "aws_dynamodb_table" "customers" {
  name         = "${local.name}-customers"
  billing_mode = "PAY_PER_REQUEST"
  hash_key     = "id"

  attribute {
    name = "id"
    type = "S"
  }
}

resource "aws_s3_bucket" "artifacts" {
  bucket        = "${local.name}-artifacts"
  force_destroy = true
}

resource "aws_sns_topic" "releases" {
  name = "${local.name}-releases"
}

resource "aws_iam_role" "build" {
  name               = "${local.name}-build"
  assume_role_policy = "{}"
}
