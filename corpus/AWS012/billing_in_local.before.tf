locals {
  # The module's own choice, not an input: the same as writing it out.
  billing = "PAY_PER_REQUEST"
}

variable "billing_mode" {
  type    = string
  default = "PROVISIONED"
}

resource "aws_dynamodb_table" "events" {
  name           = "events"
  billing_mode   = local.billing
  read_capacity  = 5
  write_capacity = 5
  hash_key       = "id"

  attribute {
    name = "id"
    type = "S"
  }
}

# A caller's choice: reported, not changed.
resource "aws_dynamodb_table" "metrics" {
  name           = "metrics"
  billing_mode   = var.billing_mode
  read_capacity  = 5
  write_capacity = 5
  hash_key       = "id"

  attribute {
    name = "id"
    type = "S"
  }
}
