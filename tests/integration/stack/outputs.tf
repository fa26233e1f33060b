output "api_url" {
  description = "Invoke URL of the API stage"
  value       = aws_api_gateway_stage.v1.invoke_url
}

output "artifacts_bucket" {
  description = "Bucket holding the pipeline artifacts"
  value       = aws_s3_bucket.artifacts.bucket
}

output "artifacts_encryption" {
  description = "ID of the artifacts bucket's encryption configuration"
  value       = aws_s3_bucket_encryption_configuration.artifacts.id
}

output "pipeline_name" {
  value = aws_codepipeline.main.name
}

output "table_names" {
  value = {
    users         = aws_dynamodb_table.users.name
    orders        = aws_dynamodb_table.orders.name
    notifications = aws_dynamodb_table.notifications.name
  }
}

output "function_names" {
  value = { for name, fn in aws_lambda_function.service : name => fn.function_name }
}
