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

# Capacity chosen (by a variable): reported, not switched.
resource "aws_dynamodb_table" "tenants" {
  for_each = var.tenants

  hash_key       = "id"
  read_capacity  = var.capacity
  write_capacity = var.capacity

  attribute {
    name = "id"
    type = "S"
  }

  tags = {
    Tenant = each.key
  }
}
