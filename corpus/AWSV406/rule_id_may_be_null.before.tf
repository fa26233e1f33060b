# A lifecycle rule whose id is a variable that defaults to null: v3 generated an id
# then, v4 requires one, so the id falls back to a fixed one.
terraform {
  required_providers {
    aws = {
      source  = "hashicorp/aws"
      version = ">= 4.0"
    }
  }
}

variable "rule_id" {
  type    = string
  default = null
}

resource "aws_s3_bucket" "b" {
  bucket = "example-expiring"

  lifecycle_rule {
    id      = var.rule_id
    enabled = true

    expiration {
      days = 30
    }
  }
}
