# var.environment_variables is the function's environment (a map every Lambda module
# takes), not an input telling deployments apart: the names still get the suffix.
provider "aws" {
  region = "eu-west-1"
}

variable "project_name" {
  type    = string
  default = "shop"
}

variable "environment_suffix" {
  description = "Suffix of every physical name (environment or pull request), so that several deployments can share an account"
  type        = string

  validation {
    condition     = can(regex("^[a-z0-9][a-z0-9-]{0,7}$", var.environment_suffix))
    error_message = "environment_suffix must be 1-8 lowercase letters, digits or hyphens."
  }
}

variable "environment_variables" {
  type    = map(string)
  default = {}
}

resource "aws_lambda_function" "api" {
  function_name = "${var.project_name}-${var.environment_suffix}-api"
  role          = "arn:aws:iam::123456789012:role/api"
  runtime       = "python3.12"
  handler       = "app.handler"
  filename      = "app.zip"

  environment {
    variables = var.environment_variables
  }
}
