# A deployed root: renaming a table or a bucket replaces it (the name forces a new
# resource), so they are reported; the topic and the function are renamed, and the
# function's log group, named after it, keeps both names as they are.
terraform {
  backend "s3" {}
}

variable "project_name" {
  default = "app"
}

resource "aws_dynamodb_table" "users" {
  name         = "${var.project_name}-users"
  billing_mode = "PAY_PER_REQUEST"
  hash_key     = "id"

  attribute {
    name = "id"
    type = "S"
  }
}

resource "aws_s3_bucket" "artifacts" {
  bucket        = "${var.project_name}-artifacts"
  force_destroy = true
}

resource "aws_sns_topic" "events" {
  name = "${var.project_name}-events"
}

resource "aws_lambda_function" "worker" {
  function_name = "${var.project_name}-worker"
  role          = "arn:aws:iam::123456789012:role/worker"
  handler       = "index.handler"
  runtime       = "python3.12"
  filename      = "worker.zip"
}

resource "aws_cloudwatch_log_group" "worker" {
  name              = "/aws/lambda/${var.project_name}-worker"
  retention_in_days = 365
}
