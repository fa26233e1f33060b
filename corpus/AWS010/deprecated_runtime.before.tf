resource "aws_iam_role" "legacy" {
  name               = "legacy"
  assume_role_policy = data.aws_iam_policy_document.assume.json
}

data "aws_iam_policy_document" "assume" {
  statement {
    actions = ["sts:AssumeRole"]

    principals {
      type        = "Service"
      identifiers = ["lambda.amazonaws.com"]
    }
  }
}

variable "runtime" {
  type    = string
  default = "nodejs16.x"
}

# Lambda blocks updates to functions on deprecated runtimes: tracing waits.
resource "aws_lambda_function" "notify" {
  function_name = "notify"
  role          = aws_iam_role.legacy.arn
  handler       = "main.handler"
  runtime       = "python3.6"
  filename      = "notify.zip"
}

resource "aws_lambda_function" "hook" {
  function_name = "hook"
  role          = aws_iam_role.legacy.arn
  handler       = "index.handler"
  runtime       = var.runtime
  filename      = "hook.zip"
}
