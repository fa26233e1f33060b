# A deployed root without project_name. Declaring it would let TF004 rename the role,
# but not the bucket, the table or the queue: their replacement deletes their data,
# so a second run would only report them. The finding counts the role alone.
terraform {
  backend "s3" {}
}

provider "aws" {
  region = "eu-west-1"
}

resource "aws_s3_bucket" "uploads" {
  bucket = "acme-uploads"
}

resource "aws_dynamodb_table" "sessions" {
  name         = "sessions"
  billing_mode = "PAY_PER_REQUEST"
  hash_key     = "id"

  attribute {
    name = "id"
    type = "S"
  }
}

resource "aws_sqs_queue" "jobs" {
  name = "jobs"
}

resource "aws_iam_role" "worker" {
  name               = "worker"
  assume_role_policy = "{}"
}
