# var.environment_variables is the function's environment (a map every Lambda module
# takes), not an input telling deployments apart: the names still get the suffix.
provider "aws" {
  region = "eu-west-1"
}

variable "project_name" {
  type    = string
  default = "shop"
}

variable "environment_variables" {
  type    = map(string)
  default = {}
}

resource "aws_lambda_function" "api" {
  function_name = "${var.project_name}-api"
  role          = "arn:aws:iam::123456789012:role/api"
  runtime       = "python3.12"
  handler       = "app.handler"
  filename      = "app.zip"

  environment {
    variables = var.environment_variables
  }
}
