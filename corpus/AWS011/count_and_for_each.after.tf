resource "aws_api_gateway_stage" "per_env" {
  for_each = toset(["dev", "prod"])

  deployment_id        = aws_api_gateway_deployment.main.id
  rest_api_id          = aws_api_gateway_rest_api.main.id
  stage_name           = each.key
  xray_tracing_enabled = true

  variables = {
    environment = each.key
  }
}

resource "aws_api_gateway_stage" "canary" {
  count                = var.canary ? 1 : 0
  deployment_id        = aws_api_gateway_deployment.main.id
  rest_api_id          = aws_api_gateway_rest_api.main.id
  stage_name           = "canary"
  xray_tracing_enabled = true
  description          = "canary stage"
}

provider "aws" {
  region = "eu-west-1"
}
