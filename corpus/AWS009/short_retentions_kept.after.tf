variable "debug_retention" {
  type    = number
  default = 1
}

locals {
  retention = {
    dev  = 3
    prod = 90
  }
}

# Debug output: a day is enough, and it is not audit data.
resource "aws_cloudwatch_log_group" "debug" {
  name              = "/app/debug"
  retention_in_days = var.debug_retention
}

resource "aws_cloudwatch_log_group" "by_environment" {
  for_each = local.retention

  name              = "/app/${each.key}"
  retention_in_days = each.value
}

resource "aws_cloudwatch_log_group" "week" {
  name              = "/app/week"
  retention_in_days = 7
}

resource "aws_cloudwatch_log_group" "ten_years" {
  name              = "/app/archive"
  retention_in_days = 3653
}
