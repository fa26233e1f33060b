# A module made to be called (an input without a default, no provider, no
# backend): tracing would reach every caller's stage with no way to opt out,
# so the stages are reported with the input to add; an explicit false stays.
variable "stage_name" {
  type = string
}

resource "aws_api_gateway_stage" "api" {
  deployment_id = aws_api_gateway_deployment.main.id
  rest_api_id   = aws_api_gateway_rest_api.main.id
  stage_name    = var.stage_name
}

resource "aws_api_gateway_stage" "canary" {
  count = 2

  deployment_id        = aws_api_gateway_deployment.main.id
  rest_api_id          = aws_api_gateway_rest_api.main.id
  stage_name           = "${var.stage_name}-${count.index}"
  xray_tracing_enabled = null
}

resource "aws_api_gateway_stage" "off" {
  deployment_id        = aws_api_gateway_deployment.main.id
  rest_api_id          = aws_api_gateway_rest_api.main.id
  stage_name           = "${var.stage_name}-off"
  xray_tracing_enabled = false
}
