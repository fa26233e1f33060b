data "archive_file" "function" {
  for_each = local.functions

  type        = "zip"
  output_path = "${path.module}/.build/${each.key}.zip"

  source {
    filename = "main.py"
    content  = <<-PY
      import os


      def handler(event, context):
          return {"statusCode": 200, "body": os.environ["FUNCTION"]}
    PY
  }
}

resource "aws_lambda_function" "fn" {
  for_each = local.functions

  function_name = "${local.name}-${each.key}"
  role          = aws_iam_role.functions.arn
  runtime       = var.python_runtime
  handler       = "main.handler"
  filename      = data.archive_file.function[each.key].output_path
  memory_size   = each.value.memory
  timeout       = each.value.timeout

  environment {
    variables = {
      FUNCTION = each.key
      TABLE    = each.value.table
    }
  }

  depends_on = [aws_cloudwatch_log_group.fn]
}

resource "aws_lambda_permission" "api" {
  for_each = local.functions

  statement_id  = "AllowInvokeFromApi"
  action        = "lambda:InvokeFunction"
  function_name = aws_lambda_function.fn[each.key].function_name
  principal     = "apigateway.amazonaws.com"
  source_arn    = "${aws_apigatewayv2_api.http.execution_arn}/*/*"
}
