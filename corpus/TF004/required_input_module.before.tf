# A reusable module published at the root of its own repository: no provider, no
# backend, inputs without defaults. A new variable without a default would fail every
# caller's plan ("Missing required argument"): TF004 adds none. Names built from the
# callers' inputs differ per caller already; a name written out in full is reported.
variable "project_name" {
  type = string
}

variable "name" {
  type = string
}

variable "lambda_invoke_arn" {
  type = string
}

resource "aws_apigatewayv2_api" "this" {
  name          = "${var.project_name}-${var.name}"
  protocol_type = "HTTP"
}

resource "aws_apigatewayv2_integration" "lambda" {
  api_id                 = aws_apigatewayv2_api.this.id
  integration_type       = "AWS_PROXY"
  integration_uri        = var.lambda_invoke_arn
  payload_format_version = "2.0"
}

resource "aws_sns_topic" "alerts" {
  name = "http-api-alerts"
}
