locals {
  functions = {
    ingest = {
      role    = aws_iam_role.ingest.arn
      handler = "ingest.handler"
    }
    export = {
      role    = aws_iam_role.export.arn
      handler = "export.handler"
    }
  }
}

resource "aws_iam_role" "ingest" {
  name               = "ingest"
  assume_role_policy = data.aws_iam_policy_document.assume.json

  inline_policy {
    name = "xray"
    policy = jsonencode({
      Version = "2012-10-17"
      Statement = [{
        Effect   = "Allow"
        Action   = "xray:*"
        Resource = "*"
      }]
    })
  }
}

resource "aws_iam_role" "export" {
  name               = "export"
  assume_role_policy = data.aws_iam_policy_document.assume.json
}

resource "aws_iam_role_policy_attachment" "export_xray" {
  role       = aws_iam_role.export.name
  policy_arn = "arn:aws:iam::aws:policy/AWSXRayDaemonWriteAccess"
}

resource "aws_lambda_function" "fn" {
  for_each = local.functions

  function_name = each.key
  role          = each.value.role
  handler       = each.value.handler
  runtime       = "python3.12"
  filename      = "build/${each.key}.zip"

  tracing_config {
    mode = "Active"
  }

  depends_on = [aws_iam_role_policy_attachment.export_xray]
}
