# The name is a local that is null unless a variable sets it, beside bucket_prefix:
# where it is null the provider generates the name, so the import is a command that
# reads the name from the state, not an import block whose id would be null. The
# for_each buckets, named in the code, keep their import block.
terraform {
  required_version = ">= 1.7"

  required_providers {
    aws = {
      source  = "hashicorp/aws"
      version = "~> 4.0"
    }
  }
}

provider "aws" {
  region = "eu-west-1"
}

variable "name" {
  type    = string
  default = ""
}

variable "buckets" {
  type = map(object({ name = string }))
  default = {
    a = { name = "example-a" }
  }
}

locals {
  name = var.name != "" ? var.name : null
}

resource "aws_s3_bucket" "opt" {
  bucket        = local.name
  bucket_prefix = "opt-"

  versioning {
    enabled = true
  }
}

resource "aws_s3_bucket" "each" {
  for_each = var.buckets
  bucket   = each.value.name

  versioning {
    enabled = true
  }
}
