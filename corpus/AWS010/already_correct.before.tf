resource "aws_lambda_function" "traced" {
  function_name = "traced"
  role          = aws_iam_role.lambda.arn

  tracing_config {
    mode = "Active"
  }
}

# tffix: ignore[AWS010] tracing costs too much for this batch job
resource "aws_lambda_function" "waived" {
  function_name = "batch"
}
