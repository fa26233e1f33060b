/*
 * The public stage.
 */
resource "aws_api_gateway_stage" "public" {
  # Always the latest deployment.
  deployment_id = aws_api_gateway_deployment.main.id # redeployed on change
  rest_api_id   = aws_api_gateway_rest_api.main.id
  stage_name    = "v1" // versioned path

  # Logs go to the shared group.
  access_log_settings {
    destination_arn = aws_cloudwatch_log_group.api.arn # JSON lines
    format          = "$context.requestId"
  }
  # end of stage
}
