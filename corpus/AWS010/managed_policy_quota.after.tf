# IAM attaches at most 10 managed policies to a role by default (PoliciesPerRole):
# AttachRolePolicy fails at apply past it. A role with 10 already, or with a number
# the module does not show (for_each over an input), gets the X-Ray actions in an
# inline policy instead (inline policies do not count against that quota), unless the
# size of its inline policies (10,240 characters together) is not shown: reported. A
# role with room gets the attachment.
variable "extra_policies" {
  type    = set(string)
  default = []
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

resource "aws_iam_role" "full" {
  name               = "full"
  assume_role_policy = data.aws_iam_policy_document.assume.json
}

resource "aws_iam_role_policy" "full_xray" {
  name = "xray-write"
  role = aws_iam_role.full.id
  policy = jsonencode({
    Version = "2012-10-17"
    Statement = [{
      Effect   = "Allow"
      Action   = ["xray:PutTraceSegments", "xray:PutTelemetryRecords", "xray:GetSamplingRules", "xray:GetSamplingTargets", "xray:GetSamplingStatisticSummaries"]
      Resource = "*"
    }]
  })
}

resource "aws_iam_role_policy_attachment" "full" {
  for_each = toset([
    "service-role/AWSLambdaBasicExecutionRole",
    "AmazonS3ReadOnlyAccess",
    "AmazonDynamoDBReadOnlyAccess",
    "AmazonSQSFullAccess",
    "AmazonSNSFullAccess",
    "CloudWatchReadOnlyAccess",
    "AmazonSSMReadOnlyAccess",
    "SecretsManagerReadWrite",
    "AmazonKinesisReadOnlyAccess",
  ])
  role       = aws_iam_role.full.name
  policy_arn = "arn:aws:iam::aws:policy/${each.value}"
}

resource "aws_iam_policy_attachment" "events" {
  name       = "events"
  roles      = [aws_iam_role.full.name]
  policy_arn = "arn:aws:iam::aws:policy/AmazonEventBridgeFullAccess"
}

resource "aws_lambda_function" "full" {
  function_name = "full"
  role          = aws_iam_role.full.arn
  runtime       = "python3.12"
  handler       = "app.handler"
  filename      = "app.zip"

  tracing_config {
    mode = "Active"
  }

  depends_on = [aws_iam_role_policy.full_xray]
}

resource "aws_iam_role" "open" {
  name               = "open"
  assume_role_policy = data.aws_iam_policy_document.assume.json
}

resource "aws_iam_role_policy" "open_xray" {
  name = "xray-write"
  role = aws_iam_role.open.id
  policy = jsonencode({
    Version = "2012-10-17"
    Statement = [{
      Effect   = "Allow"
      Action   = ["xray:PutTraceSegments", "xray:PutTelemetryRecords", "xray:GetSamplingRules", "xray:GetSamplingTargets", "xray:GetSamplingStatisticSummaries"]
      Resource = "*"
    }]
  })
}

resource "aws_iam_role_policy_attachment" "open" {
  for_each   = var.extra_policies
  role       = aws_iam_role.open.name
  policy_arn = each.value
}

resource "aws_lambda_function" "open" {
  function_name = "open"
  role          = aws_iam_role.open.arn
  runtime       = "python3.12"
  handler       = "app.handler"
  filename      = "app.zip"

  tracing_config {
    mode = "Active"
  }

  depends_on = [aws_iam_role_policy.open_xray]
}

resource "aws_iam_role" "room" {
  name               = "room"
  assume_role_policy = data.aws_iam_policy_document.assume.json
}

resource "aws_iam_role_policy_attachment" "room_xray" {
  role       = aws_iam_role.room.name
  policy_arn = "arn:aws:iam::aws:policy/AWSXRayDaemonWriteAccess"
}

resource "aws_iam_role_policy_attachment" "room" {
  count      = 2
  role       = aws_iam_role.room.name
  policy_arn = ["arn:aws:iam::aws:policy/service-role/AWSLambdaBasicExecutionRole", "arn:aws:iam::aws:policy/AmazonS3ReadOnlyAccess"][count.index]
}

resource "aws_lambda_function" "room" {
  function_name = "room"
  role          = aws_iam_role.room.arn
  runtime       = "python3.12"
  handler       = "app.handler"
  filename      = "app.zip"

  tracing_config {
    mode = "Active"
  }

  depends_on = [aws_iam_role_policy_attachment.room_xray]
}

data "aws_iam_policy_document" "tables" {
  statement {
    actions   = ["dynamodb:GetItem"]
    resources = ["*"]
  }
}

resource "aws_iam_role" "documented" {
  name               = "documented"
  assume_role_policy = data.aws_iam_policy_document.assume.json
}

resource "aws_iam_role_policy" "documented" {
  role   = aws_iam_role.documented.id
  policy = data.aws_iam_policy_document.tables.json
}

resource "aws_iam_role_policy_attachment" "documented" {
  for_each   = var.extra_policies
  role       = aws_iam_role.documented.name
  policy_arn = each.value
}

resource "aws_lambda_function" "documented" {
  function_name = "documented"
  role          = aws_iam_role.documented.arn
  runtime       = "python3.12"
  handler       = "app.handler"
  filename      = "app.zip"
}
