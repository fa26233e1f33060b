resource "aws_kms_key" "main" {
  enable_key_rotation = true
}

resource "aws_dynamodb_table" "seen" {
  #checkov:skip=CKV_AWS_119:AWS owned key is enough for job ids
  name         = "seen-jobs"
  billing_mode = "PAY_PER_REQUEST"
  hash_key     = "job_key"

  attribute {
    name = "job_key"
    type = "S"
  }
}

resource "aws_dynamodb_table" "locks" {
  #checkov:skip=CKV_AWS_28:locks are not worth restoring
  #checkov:skip=CKV_AWS_119:no data at rest worth a key
  name         = "locks"
  billing_mode = "PAY_PER_REQUEST"
  hash_key     = "LockID"

  attribute {
    name = "LockID"
    type = "S"
  }
}

# tffix: ignore[AWS002]
resource "aws_dynamodb_table" "legacy" {
  name     = "legacy"
  hash_key = "id"

  attribute {
    name = "id"
    type = "S"
  }
}

terraform {
  required_providers {
    aws = {
      source  = "hashicorp/aws"
      version = ">= 4.59"
    }
  }
}
