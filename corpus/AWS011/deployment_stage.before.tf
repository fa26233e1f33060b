# A stage created by the deployment's stage_name: the deployment has no
# argument for X-Ray tracing, so the stage must become an
# aws_api_gateway_stage first. Reported; the declared stage is fixed.
resource "aws_api_gateway_rest_api" "api" {
  name = "api"
}

resource "aws_api_gateway_deployment" "legacy" {
  rest_api_id = aws_api_gateway_rest_api.api.id
  stage_name  = "prod"
}

resource "aws_api_gateway_deployment" "current" {
  rest_api_id = aws_api_gateway_rest_api.api.id
}

resource "aws_api_gateway_stage" "staging" {
  deployment_id = aws_api_gateway_deployment.current.id
  rest_api_id   = aws_api_gateway_rest_api.api.id
  stage_name    = "staging"
}
