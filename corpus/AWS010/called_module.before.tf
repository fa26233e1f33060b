# A module made to be called (an input without a default, no provider, no
# backend): tracing and a managed-policy attachment would reach every caller's
# function with no way to opt out, so each function is reported with the
# input to add; an explicit choice and a dynamic block stay as they are.
variable "name" {
  type = string
}

resource "aws_iam_role" "this" {
  name = "${var.name}-fn"
  assume_role_policy = jsonencode({
    Version = "2012-10-17"
    Statement = [{
      Effect    = "Allow"
      Action    = "sts:AssumeRole"
      Principal = { Service = "lambda.amazonaws.com" }
    }]
  })
}

resource "aws_iam_role_policy_attachment" "xray" {
  role       = aws_iam_role.this.name
  policy_arn = "arn:aws:iam::aws:policy/AWSXRayDaemonWriteAccess"
}

# The role cannot write traces: the attachment is part of what to add.
resource "aws_lambda_function" "this" {
  function_name = var.name
  role          = aws_iam_role.other.arn
  runtime       = "python3.12"
  handler       = "main.handler"
  filename      = "${path.module}/fn.zip"
}

# The role may write traces already: only the mode input is suggested.
resource "aws_lambda_function" "workers" {
  for_each = toset(["a", "b"])

  function_name = "${var.name}-${each.key}"
  role          = aws_iam_role.this.arn
  runtime       = "python3.12"
  handler       = "main.handler"
  filename      = "${path.module}/fn.zip"

  tracing_config {
    mode = null
  }
}

resource "aws_iam_role" "other" {
  name = "${var.name}-other"
  assume_role_policy = jsonencode({
    Version = "2012-10-17"
    Statement = [{
      Effect    = "Allow"
      Action    = "sts:AssumeRole"
      Principal = { Service = "lambda.amazonaws.com" }
    }]
  })
}

resource "aws_lambda_function" "chosen" {
  function_name = "${var.name}-chosen"
  role          = aws_iam_role.this.arn
  runtime       = "python3.12"
  handler       = "main.handler"
  filename      = "${path.module}/fn.zip"

  tracing_config {
    mode = "PassThrough"
  }
}
