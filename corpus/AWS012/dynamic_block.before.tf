variable "indexes" {
  type = list(object({
    name           = string
    hash_key       = string
    read_capacity  = number
    write_capacity = number
  }))
  default = []
}

resource "aws_dynamodb_table" "catalog" {
  name         = "catalog"
  billing_mode = "PAY_PER_REQUEST"
  hash_key     = "sku"

  dynamic "attribute" {
    for_each = ["sku", "brand"]

    content {
      name = attribute.value
      type = "S"
    }
  }

  dynamic "global_secondary_index" {
    for_each = var.indexes
    iterator = index

    content {
      name            = index.value.name
      hash_key        = index.value.hash_key
      projection_type = "ALL"
      read_capacity   = index.value.read_capacity
      write_capacity  = index.value.write_capacity
    }
  }
}
