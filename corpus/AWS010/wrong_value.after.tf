resource "aws_lambda_function" "pass_through" {
  function_name = "pass-through"

  tracing_config {
    mode = "Active" # the provider default
  }
}

resource "aws_lambda_function" "one_line" {
  function_name = "one-line"
  tracing_config { mode = "Active" }
}

resource "aws_lambda_function" "no_mode" {
  function_name = "no-mode"

  tracing_config {
    mode = "Active"
  }
}
