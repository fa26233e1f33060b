# The author configures tracing per instance: left alone.
resource "aws_lambda_function" "configured" {
  function_name = var.function_name
  role          = var.role_arn

  dynamic "tracing_config" {
    for_each = var.tracing_mode == null ? [] : [var.tracing_mode]
    content {
      mode = tracing_config.value
    }
  }
}

resource "aws_lambda_function" "networked" {
  function_name = var.function_name
  role          = aws_iam_role.networked.arn

  dynamic "vpc_config" {
    for_each = var.subnet_ids == null ? [] : [true]
    content {
      subnet_ids         = var.subnet_ids
      security_group_ids = var.security_group_ids
    }
  }

  lifecycle {
    ignore_changes = [filename]
  }
}

resource "aws_iam_role" "networked" {
  name_prefix        = "networked-"
  assume_role_policy = data.aws_iam_policy_document.assume.json
}

resource "aws_iam_role_policy_attachment" "networked" {
  for_each = toset([
    "arn:aws:iam::aws:policy/service-role/AWSLambdaVPCAccessExecutionRole",
    "arn:aws:iam::aws:policy/AWSXrayWriteOnlyAccess",
  ])

  role       = aws_iam_role.networked.name
  policy_arn = each.value
}

provider "aws" {
  region = "eu-west-1"
}
