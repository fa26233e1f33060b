variable "project_name" {
  type = string
}

variable "environment_suffix" {
  description = "Suffix of every physical name (environment or pull request), so that several deployments can share an account"
  type        = string

  validation {
    condition     = can(regex("^[a-z0-9][a-z0-9-]{0,7}$", var.environment_suffix))
    error_message = "environment_suffix must be 1-8 lowercase letters, digits or hyphens."
  }
}

locals {
  artifacts_bucket = "${var.project_name}-${var.environment_suffix}-artifacts"
  table_name       = "orders"
}

resource "aws_s3_bucket" "artifacts" {
  bucket = local.artifacts_bucket
}

# The table's name is also its Name tag: the local stays, the table is reported.
resource "aws_dynamodb_table" "orders" {
  name         = local.table_name
  billing_mode = "PAY_PER_REQUEST"
  hash_key     = "id"

  attribute {
    name = "id"
    type = "S"
  }

  tags = {
    Name = local.table_name
  }
}
