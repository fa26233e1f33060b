locals {
  indexes = [
    { name = "email-index", hash_key = "email" },
    { name = "status-index", hash_key = "status" },
  ]
}

variable "extra_indexes" {
  type = list(any)
}

resource "aws_dynamodb_table" "accounts" {
  name         = "accounts"
  billing_mode = "PAY_PER_REQUEST"
  hash_key     = "id"

  attribute {
    name = "id"
    type = "S"
  }

  dynamic "global_secondary_index" {
    for_each = local.indexes

    content {
      name     = global_secondary_index.value.name
      hash_key = global_secondary_index.value.hash_key
    }
  }

  dynamic "global_secondary_index" {
    for_each = var.extra_indexes
    iterator = gsi

    content {
      name      = gsi.value.name
      hash_key  = gsi.value.hash_key
      range_key = lookup(gsi.value, "range_key", null)
    }
  }

  dynamic "local_secondary_index" {
    for_each = [{ name = "by-date", range_key = "date", projection_type = "KEYS_ONLY" }]

    content {
      name            = local_secondary_index.value.name
      range_key       = local_secondary_index.value.range_key
      projection_type = local_secondary_index.value.projection_type
    }
  }
}
