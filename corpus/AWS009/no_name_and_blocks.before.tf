provider "aws" {
  region = "eu-west-1"
}

# Log groups have no nested blocks of their own; meta-argument blocks stay last.
resource "aws_cloudwatch_log_group" "generated_name" {
  for_each = var.streams

  lifecycle {
    prevent_destroy = true
  }
}

resource "aws_cloudwatch_log_group" "prefixed" {
  name_prefix = "/app/"
  skip_destroy = true
  depends_on = [aws_iam_role.logs]
}

resource "aws_cloudwatch_log_group" "empty" {}
