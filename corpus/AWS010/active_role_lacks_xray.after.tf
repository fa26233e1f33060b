# Active tracing already on. Lambda refuses to create or update a function with
# active tracing whose role cannot write traces, and such a role sends none: the
# module's own roles below grant no X-Ray, which is reported (a policy attached
# elsewhere may grant it); a role the module does not show is left alone.
variable "xray_enabled" {
  type    = bool
  default = true
}

variable "role_arn" {
  type = string
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

resource "aws_iam_role" "basic" {
  name               = "basic"
  assume_role_policy = data.aws_iam_policy_document.assume.json
}

resource "aws_iam_role_policy_attachment" "basic_logs" {
  role       = aws_iam_role.basic.name
  policy_arn = "arn:aws:iam::aws:policy/service-role/AWSLambdaBasicExecutionRole"
}

resource "aws_lambda_function" "literal" {
  function_name = "literal"
  role          = aws_iam_role.basic.arn
  runtime       = "python3.12"
  handler       = "app.handler"
  filename      = "app.zip"

  tracing_config {
    mode = "Active"
  }
}

resource "aws_lambda_function" "switchable" {
  function_name = "switchable"
  role          = aws_iam_role.basic.arn
  runtime       = "python3.12"
  handler       = "app.handler"
  filename      = "app.zip"

  dynamic "tracing_config" {
    for_each = var.xray_enabled ? [1] : []
    content {
      mode = "Active"
    }
  }
}

resource "aws_lambda_function" "given_role" {
  function_name = "given-role"
  role          = var.role_arn
  runtime       = "python3.12"
  handler       = "app.handler"
  filename      = "app.zip"

  tracing_config {
    mode = "Active"
  }
}

resource "aws_iam_role" "traced" {
  name               = "traced"
  assume_role_policy = data.aws_iam_policy_document.assume.json
}

resource "aws_iam_role_policy_attachment" "traced_xray" {
  role       = aws_iam_role.traced.name
  policy_arn = "arn:aws:iam::aws:policy/AWSXRayDaemonWriteAccess"
}

resource "aws_lambda_function" "traced" {
  function_name = "traced"
  role          = aws_iam_role.traced.arn
  runtime       = "python3.12"
  handler       = "app.handler"
  filename      = "app.zip"

  tracing_config {
    mode = "Active"
  }
}
