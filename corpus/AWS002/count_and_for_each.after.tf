# A deployment: it configures its provider.
provider "aws" {
  region = "eu-west-1"
}

resource "aws_dynamodb_table" "audit" {
  count = var.enable_audit ? 1 : 0

  name                        = "audit-${var.environment}"
  billing_mode                = "PAY_PER_REQUEST"
  hash_key                    = "event_id"
  range_key                   = "timestamp"
  deletion_protection_enabled = false

  attribute {
    name = "event_id"
    type = "S"
  }

  attribute {
    name = "timestamp"
    type = "N"
  }

  ttl {
    attribute_name = "expires_at"
    enabled        = true
  }

  point_in_time_recovery {
    enabled = true
  }

  server_side_encryption {
    enabled = true
  }
}

resource "aws_dynamodb_table" "services" {
  for_each = toset(["users", "orders", "products"])

  name                        = "${each.key}-${var.environment}"
  billing_mode                = "PAY_PER_REQUEST"
  hash_key                    = "id"
  deletion_protection_enabled = false

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

  tags = {
    Service = each.key
  }
}
