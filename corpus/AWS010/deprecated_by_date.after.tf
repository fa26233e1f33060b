# Two functions share a role that may write traces. Node.js 20 reached its
# deprecation date in Lambda on 2026-04-30 (block function update 2027-08-31):
# the function on it is reported, as Lambda refuses updates to deprecated
# runtimes once it blocks them; the one on Python 3.13 gets active tracing.
resource "aws_iam_role" "power" {
  name = "power-control"

  assume_role_policy = jsonencode({
    Version = "2012-10-17"
    Statement = [{
      Effect    = "Allow"
      Principal = { Service = "lambda.amazonaws.com" }
      Action    = "sts:AssumeRole"
    }]
  })
}

resource "aws_iam_role_policy_attachment" "power_xray" {
  role       = aws_iam_role.power.name
  policy_arn = "arn:aws:iam::aws:policy/AWSXRayDaemonWriteAccess"
}

locals {
  node = "nodejs20.x"
}

resource "aws_lambda_function" "shutdown" {
  function_name = "power-shutdown"
  role          = aws_iam_role.power.arn
  runtime       = local.node
  handler       = "index.handler"
  filename      = "shutdown.zip"
}

resource "aws_lambda_function" "startup" {
  function_name = "power-startup"
  role          = aws_iam_role.power.arn
  runtime       = "python3.13"
  handler       = "main.handler"
  filename      = "startup.zip"

  tracing_config {
    mode = "Active"
  }
}
