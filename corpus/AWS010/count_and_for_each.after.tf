resource "aws_lambda_function" "service" {
  for_each = local.services

  function_name = "${var.project}-${each.key}"
  role          = aws_iam_role.lambda[each.key].arn
  runtime       = each.value.runtime
  handler       = "index.handler"
  filename      = data.archive_file.service[each.key].output_path

  tracing_config {
    mode = "Active"
  }
}

resource "aws_lambda_function" "optional" {
  count         = var.enabled ? 1 : 0
  function_name = "optional"
  role          = aws_iam_role.lambda.arn

  tracing_config {
    mode = "Active"
  }

  depends_on = [aws_iam_role_policy.lambda]
}
