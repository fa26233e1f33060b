variable "gsi_projection" {
  type    = string
  default = "all"
}

variable "lsi_projection" {
  type    = string
  default = "KEYS_ONLY"
}

variable "report_projection" {
  type = string
}

resource "aws_dynamodb_table" "orders" {
  name         = "orders"
  billing_mode = "PAY_PER_REQUEST"
  hash_key     = "id"
  range_key    = "date"

  attribute {
    name = "id"
    type = "S"
  }

  global_secondary_index {
    name            = "customer-index"
    hash_key        = "customer_id"
    projection_type = var.gsi_projection
  }

  global_secondary_index {
    name            = "report-index"
    hash_key        = "report_id"
    projection_type = var.report_projection
  }

  local_secondary_index {
    name            = "by-total"
    range_key       = "total"
    projection_type = var.lsi_projection
  }

  dynamic "global_secondary_index" {
    for_each = {
      status = "ALL"
      region = "NONE"
    }

    content {
      name            = "${global_secondary_index.key}-index"
      hash_key        = global_secondary_index.key
      projection_type = global_secondary_index.value
    }
  }
}
