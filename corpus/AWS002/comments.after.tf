resource "aws_kms_key" "main" {
  enable_key_rotation = true
}

# Orders placed through the storefront.
resource "aws_dynamodb_table" "orders" {
  # Keep the name stable: the app reads it from SSM.
  name                        = "orders" # prod name
  billing_mode                = "PAY_PER_REQUEST"
  hash_key                    = "id"
  deletion_protection_enabled = false
  # range_key  = "created_at"

  attribute {
    name = "id"
    type = "S"
  }

  point_in_time_recovery {
    enabled = true
  }

  server_side_encryption {
    enabled = true
  }

  # GSIs come later.
  tags = {
    Team = "checkout"
  }

  # Old items expire after 90 days.
  lifecycle {
    prevent_destroy = true
  }
  # end of orders
}

terraform {
  required_providers {
    aws = {
      source  = "hashicorp/aws"
      version = ">= 4.59"
    }
  }
}
