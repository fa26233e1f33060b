output "api_endpoint" {
  value = aws_apigatewayv2_api.http.api_endpoint
}

output "artifact_encryption" {
  value = aws_s3_bucket_encryption_configuration.artifacts.id
}

output "function_names" {
  value = { for key, fn in aws_lambda_function.fn : key => fn.function_name }
}
