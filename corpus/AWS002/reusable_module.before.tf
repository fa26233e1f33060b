# A module made to be called: no provider or backend, and inputs without
# defaults. Turning on backups or encryption here changes every caller's
# tables, so it is reported instead.
variable "name" {
  type = string
}

variable "hash_key" {
  type = string
}

resource "aws_dynamodb_table" "this" {
  name         = var.name
  billing_mode = "PAY_PER_REQUEST"
  hash_key     = var.hash_key

  attribute {
    name = var.hash_key
    type = "S"
  }
}
