provider "aws" {
  region = "eu-west-1"
}

resource "aws_cloudwatch_log_group" "per_function" {
  for_each = toset(var.functions)

  name = "/aws/lambda/${each.key}"

  tags = {
    Function = each.key
  }
}

resource "aws_cloudwatch_log_group" "per_env" {
  count      = length(var.environments)
  name       = "/app/${var.environments[count.index]}"
  kms_key_id = var.kms_key_id
}
