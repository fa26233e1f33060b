resource "aws_kms_key" "signing" {
  description              = "release signing"
  customer_master_key_spec = "ECC_NIST_P256"
  key_usage                = "SIGN_VERIFY"
}

resource "aws_kms_key" "data" {
  description         = "data at rest"
  enable_key_rotation = true
}

resource "aws_dynamodb_table" "global" {
  name             = "global"
  billing_mode     = "PAY_PER_REQUEST"
  hash_key         = "id"
  stream_enabled   = true
  stream_view_type = "NEW_AND_OLD_IMAGES"

  attribute {
    name = "id"
    type = "S"
  }

  replica {
    region_name = "eu-central-1"
  }
}

resource "aws_dynamodb_table" "local" {
  name     = "local"
  hash_key = "id"

  attribute {
    name = "id"
    type = "S"
  }
}

terraform {
  required_providers {
    aws = {
      source  = "hashicorp/aws"
      version = ">= 4.59"
    }
  }
}
