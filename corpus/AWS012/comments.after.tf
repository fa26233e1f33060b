# Click stream: bursts after every newsletter, so it moved to on-demand billing
# but kept its old capacity settings.
resource "aws_dynamodb_table" "clicks" {
  name         = "clicks"
  billing_mode = "PAY_PER_REQUEST" # see ADR-12
  hash_key     = "id"

  # Keys.
  attribute {
    name = "id"
    type = "S"
  }

  global_secondary_index {
    name     = "campaign-index"
    hash_key = "campaign"

    projection_type = "KEYS_ONLY"
  }
}
