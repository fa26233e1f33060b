resource "aws_api_gateway_rest_api" "api" {
  name = "orders"
}

resource "aws_api_gateway_deployment" "prod" {
  rest_api_id       = aws_api_gateway_rest_api.api.id
  stage_name        = "prod"
  stage_description = "production"

  triggers = {
    redeployment = sha1(jsonencode(aws_api_gateway_rest_api.api.body))
  }

  lifecycle {
    create_before_destroy = true
  }
}

resource "aws_api_gateway_account" "this" {
  cloudwatch_role_arn = "arn:aws:iam::123456789012:role/apigw-logs"
  reset_on_delete     = true
}

resource "aws_lambda_permission" "apigw" {
  statement_id  = "AllowAPIGateway"
  action        = "lambda:InvokeFunction"
  function_name = "orders"
  principal     = "apigateway.amazonaws.com"
  source_arn    = "${aws_api_gateway_deployment.prod.execution_arn}/*/*"
}

output "url" {
  value = aws_api_gateway_deployment.prod.invoke_url
}
