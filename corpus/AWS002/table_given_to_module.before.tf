# The table's readers are made by a child module the table is given to: who they
# are and what they may do is not shown here, so the key is not switched.
resource "aws_kms_key" "data" {
  description         = "data"
  enable_key_rotation = true
}

resource "aws_dynamodb_table" "sessions" {
  name         = "sessions"
  billing_mode = "PAY_PER_REQUEST"
  hash_key     = "id"

  attribute {
    name = "id"
    type = "S"
  }
}

module "api" {
  source     = "./api"
  table_name = aws_dynamodb_table.sessions.name
}

terraform {
  required_providers {
    aws = {
      source  = "hashicorp/aws"
      version = ">= 4.59"
    }
  }
}
