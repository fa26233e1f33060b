variable "project_name" {
  description = "Name of the project, first part of every resource name"
  type        = string
  default     = "cicd"
}

variable "services" {
  type    = set(string)
  default = ["users", "orders"]
}

resource "aws_s3_bucket" "artifacts" {
  bucket = "${var.project_name}-artifacts"
}

resource "aws_dynamodb_table" "orders" {
  name         = "orders" # table of record
  billing_mode = "PAY_PER_REQUEST"
  hash_key     = "id"

  attribute {
    name = "id"
    type = "S"
  }

  global_secondary_index {
    name            = "by-customer"
    hash_key        = "id"
    projection_type = "ALL"
  }
}

resource "aws_lambda_function" "service" {
  for_each      = var.services
  function_name = "${var.project_name}-${each.key}"
  role          = aws_iam_role.lambda.arn
  handler       = "index.handler"
  runtime       = "python3.12"
  filename      = "lambda.zip"
}

resource "aws_cloudwatch_log_group" "service" {
  for_each = var.services
  name     = "/aws/lambda/${aws_lambda_function.service[each.key].function_name}"
}

resource "aws_cloudwatch_log_group" "build" {
  name = "/aws/codebuild/${var.project_name}-build"
}

resource "aws_iam_role" "lambda" {
  name               = "${var.project_name}-lambda-role"
  assume_role_policy = "{}"
}

resource "aws_iam_role_policy" "lambda" {
  name = "lambda-access"
  role = aws_iam_role.lambda.id
  policy = jsonencode({
    Version = "2012-10-17"
    Statement = [
      {
        Effect   = "Allow"
        Action   = ["s3:GetObject", "s3:PutObject"]
        Resource = "arn:aws:s3:::${var.project_name}-artifacts/*"
      },
      {
        Effect   = "Allow"
        Action   = ["dynamodb:GetItem", "dynamodb:Query"]
        Resource = ["arn:aws:dynamodb:*:*:table/orders", "arn:aws:dynamodb:*:*:table/orders/index/*"]
      },
      {
        Effect   = "Allow"
        Action   = ["logs:CreateLogStream", "logs:PutLogEvents"]
        Resource = "arn:aws:logs:*:*:log-group:/aws/lambda/${var.project_name}-*:*"
      },
      {
        Effect   = "Allow"
        Action   = ["secretsmanager:GetSecretValue"]
        Resource = "arn:aws:secretsmanager:*:*:secret:${var.project_name}-github-token*"
      },
    ]
  })
}
