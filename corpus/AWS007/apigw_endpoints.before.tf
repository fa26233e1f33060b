locals {
  services = {
    users  = { memory = 256 }
    orders = { memory = 512 }
  }

  endpoints = {
    list_users   = { service = "users", method = "GET", path = "/users" }
    create_order = { service = "orders", method = "POST", path = "/orders" }
  }
}

resource "aws_lambda_function" "service" {
  for_each      = local.services
  function_name = "svc-${each.key}"
  memory_size   = each.value.memory
  role          = "arn:aws:iam::123456789012:role/lambda"
  handler       = "index.handler"
  runtime       = "python3.12"
  filename      = "lambda.zip"
}

resource "aws_api_gateway_integration" "endpoint" {
  for_each                = local.endpoints
  rest_api_id             = "abc123"
  resource_id             = "def456"
  http_method             = each.value.method
  integration_http_method = "POST"
  type                    = "AWS_PROXY"
  # the function that serves this endpoint
  uri = aws_lambda_function.service[each.key].invoke_arn
}

resource "aws_lambda_permission" "apigw" {
  for_each      = local.endpoints
  statement_id  = "Allow-${each.key}-from-${aws_lambda_function.service[each.key].function_name}"
  action        = "lambda:InvokeFunction"
  function_name = aws_lambda_function.service[each.key].function_name
  principal     = "apigateway.amazonaws.com"
}
