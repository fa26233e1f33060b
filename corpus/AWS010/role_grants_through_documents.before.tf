data "aws_iam_policy_document" "ingest" {
  statement {
    sid       = "Tables"
    actions   = ["dynamodb:PutItem", "dynamodb:UpdateItem"]
    resources = [aws_dynamodb_table.events.arn]
  }

  statement {
    sid = "Traces"
    actions = [
      "xray:PutTraceSegments",
      "xray:PutTelemetryRecords",
    ]
    resources = ["*"]
  }
}

resource "aws_iam_role" "ingest" {
  name               = "ingest"
  assume_role_policy = data.aws_iam_policy_document.assume.json
}

resource "aws_iam_role_policy" "ingest" {
  name   = "ingest"
  role   = aws_iam_role.ingest.id
  policy = data.aws_iam_policy_document.ingest.json
}

resource "aws_lambda_function" "ingest" {
  function_name = "ingest"
  role          = aws_iam_role.ingest.arn
  runtime       = "python3.12"
  handler       = "ingest.handler"
  filename      = "build/ingest.zip"
}

resource "aws_iam_policy" "observability" {
  name = "observability"
  policy = jsonencode({
    Version = "2012-10-17"
    Statement = [
      {
        Effect   = "Allow"
        Action   = ["logs:CreateLogStream", "logs:PutLogEvents"]
        Resource = "${aws_cloudwatch_log_group.report.arn}:*"
      },
      {
        Effect   = "Allow"
        Action   = "xray:Put*"
        Resource = "*"
      },
    ]
  })
}

resource "aws_iam_role" "report" {
  name               = "report"
  assume_role_policy = data.aws_iam_policy_document.assume.json
}

resource "aws_iam_policy_attachment" "observability" {
  name       = "observability"
  roles      = [aws_iam_role.report.name]
  policy_arn = aws_iam_policy.observability.arn
}

resource "aws_lambda_function" "report" {
  function_name = "report"
  role          = aws_iam_role.report.arn
  runtime       = "python3.12"
  handler       = "report.handler"
  filename      = "build/report.zip"
}
