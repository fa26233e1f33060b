resource "aws_api_gateway_stage" "prod" {
  deployment_id        = aws_api_gateway_deployment.main.id
  rest_api_id          = aws_api_gateway_rest_api.main.id
  stage_name           = "prod"
  xray_tracing_enabled = true
}
