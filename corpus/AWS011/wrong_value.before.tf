resource "aws_api_gateway_stage" "off" {
  deployment_id        = aws_api_gateway_deployment.main.id
  rest_api_id          = aws_api_gateway_rest_api.main.id
  stage_name           = "prod"
  xray_tracing_enabled = false # too expensive?
  cache_cluster_size   = "0.5"
}

resource "aws_api_gateway_stage" "null" {
  stage_name           = "dev"
  xray_tracing_enabled = null
}

resource "aws_api_gateway_stage" "single_line" { xray_tracing_enabled = false }

resource "aws_api_gateway_stage" "one_line" { stage_name = "beta" }
