resource "aws_iam_role" "lambda" {
  name               = "functions"
  assume_role_policy = data.aws_iam_policy_document.assume.json

  inline_policy {
    name = "traces"
    policy = jsonencode({
      Version = "2012-10-17"
      Statement = [{
        Effect   = "Allow"
        Action   = ["xray:PutTraceSegments", "xray:PutTelemetryRecords"]
        Resource = "*"
      }]
    })
  }
}

resource "aws_lambda_function" "pass_through" {
  function_name = "pass-through"
  role          = aws_iam_role.lambda.arn

  tracing_config {
    mode = "PassThrough" # only forwards traces started upstream
  }
}

resource "aws_lambda_function" "one_line" {
  function_name = "one-line"
  role          = aws_iam_role.lambda.arn
  tracing_config { mode = "PassThrough" }
}

resource "aws_lambda_function" "no_mode" {
  function_name = "no-mode"
  role          = aws_iam_role.lambda.arn

  tracing_config {}
}

resource "aws_lambda_function" "null_mode" {
  function_name = "null-mode"
  role          = aws_iam_role.lambda.arn

  tracing_config {
    mode = null
  }
}

resource "aws_lambda_function" "misspelt" {
  function_name = "misspelt"
  role          = aws_iam_role.lambda.arn

  tracing_config {
    mode = "active"
  }
}
