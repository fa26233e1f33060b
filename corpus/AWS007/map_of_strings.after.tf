variable "routes" {
  description = "route name => function key"
  type        = map(string)
  default = {
    get_user = "users"
    put_user = "users"
    reports  = "reports"
  }
}

locals {
  functions = toset(["users", "reports"])
}

data "aws_lambda_function" "fn" {
  for_each      = local.functions
  function_name = each.key
}

resource "aws_apigatewayv2_integration" "route" {
  for_each         = var.routes
  api_id           = "abc123"
  integration_type = "AWS_PROXY"
  integration_uri  = data.aws_lambda_function.fn[each.value].invoke_arn
}
