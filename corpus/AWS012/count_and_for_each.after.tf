variable "capacity" {
  type    = number
  default = 5
}

resource "aws_dynamodb_table" "locks" {
  count = var.create ? 1 : 0

  name         = "terraform-locks"
  billing_mode = "PAY_PER_REQUEST"
  hash_key     = "LockID"

  attribute {
    name = "LockID"
    type = "S"
  }
}

resource "aws_dynamodb_table" "tenants" {
  for_each = var.tenants

  billing_mode = "PAY_PER_REQUEST"
  hash_key     = "id"

  attribute {
    name = "id"
    type = "S"
  }

  tags = {
    Tenant = each.key
  }
}
