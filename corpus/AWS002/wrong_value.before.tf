resource "aws_kms_key" "tables" {
  description         = "DynamoDB tables"
  enable_key_rotation = true
}

resource "aws_dynamodb_table" "payments" {
  name                        = "payments"
  billing_mode                = "PAY_PER_REQUEST"
  hash_key                    = "id"
  deletion_protection_enabled = true

  attribute {
    name = "id"
    type = "S"
  }

  point_in_time_recovery {
    enabled = false # too expensive?
  }

  server_side_encryption { enabled = false }
}

resource "aws_dynamodb_table" "refunds" {
  name         = "refunds"
  billing_mode = "PAY_PER_REQUEST"
  hash_key     = "id"

  attribute {
    name = "id"
    type = "S"
  }

  point_in_time_recovery {}

  server_side_encryption {
    enabled = true
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
