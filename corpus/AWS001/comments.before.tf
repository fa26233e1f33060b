# Sessions expire through TTL; the index serves the admin "who is online" page.
resource "aws_dynamodb_table" "sessions" {
  name         = "sessions"
  billing_mode = "PAY_PER_REQUEST"
  hash_key     = "session_id"

  attribute {
    name = "session_id"
    type = "S"
  }

  # Look sessions up by user.
  global_secondary_index {
    # One row per session, so the user id is not unique.
    name     = "user-index" # keep in sync with the app config
    hash_key = "user_id"
    # TODO: range by last_seen once the app writes it
  }

  global_secondary_index {
    name      = "device-index"
    hash_key  = "device_id"
    range_key = "created_at" # newest first

    # on_demand_throughput is set by the platform team
  } # rarely used
}
