data "archive_file" "service" {
  for_each = local.lambda_services

  type        = "zip"
  output_path = "${path.module}/build/${each.key}.zip"

  source {
    filename = "lambda_function.py"
    content  = <<-EOT
      import json
      import os


      def handler(event, context):
          return {
              "statusCode": 200,
              "body": json.dumps({"service": "${each.key}", "path": event.get("path")}),
          }
    EOT
  }
}

resource "aws_lambda_function" "service" {
  for_each = local.lambda_services

  function_name = "${var.project_name}-${each.key}"
  role          = aws_iam_role.lambda.arn
  handler       = "lambda_function.handler"
  runtime       = var.lambda_runtime
  filename = data.archive_file.service[each.key].output_path
  memory_size   = each.value.memory_size
  timeout       = each.value.timeout

  environment {
    variables = {
      SERVICE_NAME        = each.key
      USERS_TABLE         = aws_dynamodb_table.users.name
      ORDERS_TABLE        = aws_dynamodb_table.orders.name
      NOTIFICATIONS_TABLE = aws_dynamodb_table.notifications.name
      TOPIC_ARN           = aws_sns_topic.deployments.arn
    }
  }

  depends_on = [
    aws_cloudwatch_log_group.lambda,
    aws_iam_role_policy.lambda,
  ]
}

resource "aws_lambda_permission" "api" {
  for_each = local.lambda_services

  statement_id  = "AllowAPIGatewayInvoke"
  action        = "lambda:InvokeFunction"
  function_name = aws_lambda_function.service[each.key].function_name
  principal     = "apigateway.amazonaws.com"
  source_arn    = "${aws_api_gateway_rest_api.main.execution_arn}/*/*"
}
