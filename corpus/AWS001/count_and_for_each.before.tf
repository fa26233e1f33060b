resource "aws_dynamodb_table" "events" {
  count = var.enabled ? 1 : 0

  name           = "events"
  billing_mode   = "PROVISIONED"
  read_capacity  = 5
  write_capacity = 5
  hash_key       = "pk"
  range_key      = "sk"

  attribute {
    name = "pk"
    type = "S"
  }

  attribute {
    name = "sk"
    type = "S"
  }

  attribute {
    name = "type"
    type = "S"
  }

  local_secondary_index {
    name      = "by-type"
    range_key = "type"
  }

  global_secondary_index {
    name           = "type-index"
    hash_key       = "type"
    write_capacity = 5
    read_capacity  = 5
  }
}

resource "aws_dynamodb_table" "per_tenant" {
  for_each = toset(var.tenants)

  name         = "orders-${each.key}"
  billing_mode = "PAY_PER_REQUEST"
  hash_key     = "order_id"

  attribute {
    name = "order_id"
    type = "S"
  }

  attribute {
    name = "customer_id"
    type = "S"
  }

  global_secondary_index {
    name               = "customer-index"
    hash_key           = "customer_id"
    non_key_attributes = ["status", "total"]
  }
}
