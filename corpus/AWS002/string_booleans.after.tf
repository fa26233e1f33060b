provider "aws" {
  region = "eu-west-1"
}

# Terraform converts the strings "true" and "false" for a bool argument:
# "true" needs no edit, "false" is a choice, reported like false.
resource "aws_dynamodb_table" "quoted" {
  name                        = "quoted"
  billing_mode                = "PAY_PER_REQUEST"
  hash_key                    = "id"
  deletion_protection_enabled = "true"

  attribute {
    name = "id"
    type = "S"
  }

  point_in_time_recovery {
    enabled = "true"
  }

  server_side_encryption {
    enabled = "false"
  }
}
