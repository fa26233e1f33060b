# A main.tf given without the file that declares its inputs: no provider or
# backend, and var.table_name is declared somewhere not shown, so this may be
# a module made to be called. What would change every caller's table is
# reported with the inputs to add; a setting already taken from an input
# (encryption) is the callers' choice.
resource "aws_dynamodb_table" "this" {
  name         = var.table_name
  billing_mode = "PAY_PER_REQUEST"
  hash_key     = "id"

  attribute {
    name = "id"
    type = "S"
  }

  server_side_encryption {
    enabled = var.encrypt
  }
}
