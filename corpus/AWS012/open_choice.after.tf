# No billing mode and no capacity: the provider's default (PROVISIONED) would need
# read_capacity and write_capacity, so the choice is still open.
resource "aws_dynamodb_table" "sessions" {
  name         = "sessions"
  billing_mode = "PAY_PER_REQUEST"
  hash_key     = "id"

  attribute {
    name = "id"
    type = "S"
  }

  attribute {
    name = "user"
    type = "S"
  }

  global_secondary_index {
    name            = "user-index"
    hash_key        = "user"
    projection_type = "KEYS_ONLY"
  }
}

resource "aws_dynamodb_table" "flags" {
  billing_mode = "PAY_PER_REQUEST"
  hash_key     = "id"

  attribute {
    name = "id"
    type = "S"
  }
}

# Only the index has capacity: still a provisioned choice.
resource "aws_dynamodb_table" "events" {
  name     = "events"
  hash_key = "id"

  attribute {
    name = "id"
    type = "S"
  }

  attribute {
    name = "kind"
    type = "S"
  }

  global_secondary_index {
    name            = "kind-index"
    hash_key        = "kind"
    projection_type = "ALL"
    read_capacity   = 5
    write_capacity  = 5
  }
}
