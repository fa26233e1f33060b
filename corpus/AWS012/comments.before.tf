# Click stream: bursts after every newsletter, so it moved to on-demand billing
# but kept its old capacity settings.
resource "aws_dynamodb_table" "clicks" {
  name         = "clicks"
  billing_mode = "PAY_PER_REQUEST" # see ADR-12
  # Left from the provisioned days: raised from 5 after the launch incident.
  read_capacity  = 50
  write_capacity = 50 # see runbook
  hash_key       = "id"

  # Keys.
  attribute {
    name = "id"
    type = "S"
  }

  global_secondary_index {
    name     = "campaign-index"
    hash_key = "campaign"
    # Index throughput mirrors the table.
    read_capacity  = 50
    write_capacity = 50

    projection_type = "KEYS_ONLY"
  }
}
