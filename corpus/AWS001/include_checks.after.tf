resource "aws_dynamodb_table" "products" {
  name         = "products"
  billing_mode = "PAY_PER_REQUEST"
  hash_key     = "sku"

  attribute {
    name = "sku"
    type = "S"
  }

  global_secondary_index {
    name            = "category-index"
    hash_key        = "category"
    projection_type = "INCLUDE"
  }

  global_secondary_index {
    name               = "brand-index"
    hash_key           = "brand"
    projection_type    = "KEYS_ONLY"
    non_key_attributes = ["price"]
  }
}
