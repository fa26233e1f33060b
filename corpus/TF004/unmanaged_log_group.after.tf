# A deployed root. A metric filter on a function's log group that Lambda creates (the
# module does not manage it): a new function's group exists only once it has logged,
# so the filter, made again on it during the apply, fails. The function keeps its name,
# with a finding; one without such a filter is renamed.
terraform {
  backend "s3" {}
}

variable "project_name" {
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

resource "aws_lambda_function" "orders" {
  function_name = "${var.project_name}-orders"
  role          = "arn:aws:iam::111122223333:role/orders"
  runtime       = "python3.12"
  handler       = "app.handler"
  filename      = "app.zip"
}

resource "aws_cloudwatch_log_metric_filter" "errors" {
  name           = "orders-errors"
  log_group_name = "/aws/lambda/${aws_lambda_function.orders.function_name}"
  pattern        = "ERROR"

  metric_transformation {
    name      = "OrdersErrors"
    namespace = "App"
    value     = "1"
  }
}

resource "aws_lambda_function" "report" {
  function_name = "${var.project_name}-${var.environment_suffix}-report"
  role          = "arn:aws:iam::111122223333:role/report"
  runtime       = "python3.12"
  handler       = "app.handler"
  filename      = "report.zip"
}
