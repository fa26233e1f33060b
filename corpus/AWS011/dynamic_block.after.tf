resource "aws_api_gateway_stage" "api" {
  deployment_id        = aws_api_gateway_deployment.main.id
  rest_api_id          = aws_api_gateway_rest_api.main.id
  stage_name           = var.stage_name
  xray_tracing_enabled = true

  dynamic "access_log_settings" {
    for_each = var.access_log_arn == null ? [] : [var.access_log_arn]
    content {
      destination_arn = access_log_settings.value
      format          = jsonencode({ requestId = "$context.requestId" })
    }
  }

  dynamic "canary_settings" {
    for_each = var.canary_deployment_id == null ? [] : [1]
    content {
      deployment_id = var.canary_deployment_id
    }
  }
}

resource "aws_api_gateway_stage" "blocks_only" {
  for_each = var.stages

  xray_tracing_enabled = true

  dynamic "access_log_settings" {
    for_each = each.value.log_arn == null ? [] : [each.value.log_arn]
    content {
      destination_arn = access_log_settings.value
      format          = "$context.requestId"
    }
  }
}

provider "aws" {
  region = "eu-west-1"
}
