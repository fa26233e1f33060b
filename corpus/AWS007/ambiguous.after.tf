locals {
  services = toset(["users", "orders"])
  endpoints = {
    list_users  = { service = "users", owner = "users" }
    list_orders = { service = "orders", owner = "orders" }
  }
  jobs = {
    nightly = { schedule = "cron(0 3 * * ? *)" }
  }
}

resource "aws_lambda_function" "service" {
  for_each      = local.services
  function_name = each.key
  role          = "arn:aws:iam::123456789012:role/lambda"
  handler       = "index.handler"
  runtime       = "python3.12"
  filename      = "lambda.zip"
}

resource "aws_api_gateway_integration" "endpoint" {
  for_each    = local.endpoints
  rest_api_id = "abc123"
  resource_id = "def456"
  http_method = "GET"
  type        = "AWS_PROXY"
  uri         = aws_lambda_function.service[each.key].invoke_arn
}

resource "aws_cloudwatch_event_target" "job" {
  for_each = local.jobs
  rule     = "nightly"
  arn      = aws_lambda_function.service[each.key].arn
}
