# A deployment (its provider block says so): TF004 may add the suffix variable.
provider "aws" {
  region = "eu-west-1"
}

variable "project_name" {
  type = string
}

locals {
  artifacts_bucket = "artifacts"
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
