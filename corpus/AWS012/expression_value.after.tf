variable "billing_mode" {
  type    = string
  default = "PROVISIONED"
}

variable "reports_billing" {
  type    = string
  default = "PAY_PER_REQUEST"
}

resource "aws_dynamodb_table" "orders" {
  name           = "orders"
  billing_mode   = var.billing_mode
  read_capacity  = 5
  write_capacity = 5
  hash_key       = "id"

  attribute {
    name = "id"
    type = "S"
  }
}

resource "aws_dynamodb_table" "reports" {
  name           = "reports"
  billing_mode   = var.reports_billing
  read_capacity  = var.reports_billing == "PROVISIONED" ? 5 : null
  write_capacity = var.reports_billing == "PROVISIONED" ? 5 : null
  hash_key       = "id"

  attribute {
    name = "id"
    type = "S"
  }
}

resource "aws_dynamodb_table" "audit" {
  name         = "audit"
  billing_mode = var.environment == "prod" ? "PROVISIONED" : "PAY_PER_REQUEST"
  hash_key     = "id"

  attribute {
    name = "id"
    type = "S"
  }
}
