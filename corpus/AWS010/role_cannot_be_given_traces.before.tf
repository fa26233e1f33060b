variable "boundary_arn" {
  type = string
}

variable "tracing" {
  type    = bool
  default = false
}

# No X-Ray here, on purpose.
resource "aws_iam_role" "denied" {
  name               = "denied"
  assume_role_policy = data.aws_iam_policy_document.assume.json
}

resource "aws_iam_role_policy" "denied" {
  role = aws_iam_role.denied.id
  policy = jsonencode({
    Version = "2012-10-17"
    Statement = [{
      Effect   = "Deny"
      Action   = "xray:*"
      Resource = "*"
    }]
  })
}

resource "aws_iam_role" "bounded" {
  name                 = "bounded"
  assume_role_policy   = data.aws_iam_policy_document.assume.json
  permissions_boundary = var.boundary_arn
}

resource "aws_iam_role" "exclusive" {
  name                = "exclusive"
  assume_role_policy  = data.aws_iam_policy_document.assume.json
  managed_policy_arns = ["arn:aws:iam::aws:policy/service-role/AWSLambdaBasicExecutionRole"]
}

resource "aws_iam_role" "optional_tracing" {
  name               = "optional-tracing"
  assume_role_policy = data.aws_iam_policy_document.assume.json
}

resource "aws_iam_role_policy_attachment" "optional_tracing" {
  count = var.tracing ? 1 : 0

  role       = aws_iam_role.optional_tracing.name
  policy_arn = "arn:aws:iam::aws:policy/AWSXRayDaemonWriteAccess"
}

resource "aws_lambda_function" "denied" {
  function_name = "denied"
  role          = aws_iam_role.denied.arn
}

resource "aws_lambda_function" "bounded" {
  function_name = "bounded"
  role          = aws_iam_role.bounded.arn
}

resource "aws_lambda_function" "exclusive" {
  function_name = "exclusive"
  role          = aws_iam_role.exclusive.arn
}

resource "aws_lambda_function" "optional_tracing" {
  function_name = "optional-tracing"
  role          = aws_iam_role.optional_tracing.arn
}

resource "aws_iam_role" "batch" {
  name               = "batch"
  assume_role_policy = data.aws_iam_policy_document.assume.json
}

resource "aws_iam_role" "reporting" {
  name               = "reporting"
  assume_role_policy = data.aws_iam_policy_document.assume.json
}

resource "aws_iam_policy_attachment" "xray" {
  name       = "xray-writers"
  roles      = [aws_iam_role.reporting.name]
  policy_arn = "arn:aws:iam::aws:policy/AWSXRayDaemonWriteAccess"
}

resource "aws_lambda_function" "batch" {
  function_name = "batch"
  role          = aws_iam_role.batch.arn
}
