# A deployed root without project_name whose only names hold data (a bucket, a
# table): declaring project_name would change nothing, since TF004 never renames
# them, so there is no "declare it, then run TF004 again" finding; each name is
# reported as it would be with project_name declared.
provider "aws" {
  region = "eu-west-1"
}

resource "aws_s3_bucket" "site" {
  bucket = "www.example.com"
}

resource "aws_dynamodb_table" "visits" {
  name         = "visits"
  billing_mode = "PAY_PER_REQUEST"
  hash_key     = "id"

  attribute {
    name = "id"
    type = "S"
  }
}
