provider "aws" {
  region = "eu-west-1"
}

resource "aws_cloudwatch_log_group" "per_function" {
  for_each = toset(var.functions)

  name              = "/aws/lambda/${each.key}"
  retention_in_days = 365

  tags = {
    Function = each.key
  }
}

resource "aws_cloudwatch_log_group" "per_env" {
  count             = length(var.environments)
  name              = "/app/${var.environments[count.index]}"
  retention_in_days = 365
  kms_key_id        = var.kms_key_id
}
