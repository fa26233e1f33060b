variable "tracing" {
  type    = bool
  default = false
}

variable "tracing_required" {
  type = bool
}

variable "tracing_on" {
  type    = bool
  default = true
}

resource "aws_api_gateway_stage" "from_default" {
  stage_name           = "prod"
  xray_tracing_enabled = var.tracing
}

resource "aws_api_gateway_stage" "required" {
  stage_name           = "prod"
  xray_tracing_enabled = var.tracing_required
}

resource "aws_api_gateway_stage" "per_environment" {
  stage_name           = var.environment
  xray_tracing_enabled = var.environment == "prod"
}

resource "aws_api_gateway_stage" "on_by_default" {
  stage_name           = "prod"
  xray_tracing_enabled = var.tracing_on
}
