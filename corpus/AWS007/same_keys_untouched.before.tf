variable "tables" {
  type    = set(string)
  default = ["orders", "users"]
}

resource "aws_dynamodb_table" "t" {
  for_each     = var.tables
  name         = each.key
  billing_mode = "PAY_PER_REQUEST"
  hash_key     = "id"

  attribute {
    name = "id"
    type = "S"
  }
}

resource "aws_cloudwatch_metric_alarm" "throttles" {
  for_each            = toset(["users"])
  alarm_name          = "${each.key}-throttles"
  comparison_operator = "GreaterThanThreshold"
  evaluation_periods  = 1
  threshold           = 0
  dimensions = {
    TableName = aws_dynamodb_table.t[each.key].name
  }
}

resource "aws_cloudwatch_log_group" "unknown" {
  for_each = data.aws_lambda_functions.all.function_names
  name     = "/aws/lambda/${aws_dynamodb_table.t[each.key].name}"
}
