resource "aws_dynamodb_table" "users" {
  name         = "users"
  billing_mode = "PAY_PER_REQUEST"
  hash_key     = "id"

  attribute {
    name = "id"
    type = "S"
  }

  global_secondary_index {
    name            = "email-index"
    hash_key        = "email"
    projection_type = "ALL"
  }

  global_secondary_index {
    name               = "team-index"
    hash_key           = "team_id"
    projection_type    = "INCLUDE"
    non_key_attributes = ["name", "role"]
  }

  local_secondary_index {
    name            = "by-created"
    range_key       = "created_at"
    projection_type = "KEYS_ONLY"
  }
}

resource "aws_dynamodb_table" "no_indexes" {
  name     = "plain"
  hash_key = "id"

  attribute {
    name = "id"
    type = "S"
  }
}
