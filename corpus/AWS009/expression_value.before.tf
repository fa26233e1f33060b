variable "retention_unset" {
  type    = number
  default = null
}

variable "retention_required" {
  type = number
}

variable "retention_odd" {
  type    = number
  default = 100
}

variable "retention_ok" {
  type    = number
  default = 30
}

locals {
  retention = 7
}

resource "aws_cloudwatch_log_group" "unset" {
  name              = "/app/unset"
  retention_in_days = var.retention_unset
}

resource "aws_cloudwatch_log_group" "required" {
  name              = "/app/required"
  retention_in_days = var.retention_required
}

resource "aws_cloudwatch_log_group" "odd" {
  name              = "/app/odd"
  retention_in_days = var.retention_odd
}

resource "aws_cloudwatch_log_group" "conditional" {
  name              = "/app/conditional"
  retention_in_days = var.environment == "prod" ? 365 : null
}

resource "aws_cloudwatch_log_group" "fine_variable" {
  name              = "/app/fine"
  retention_in_days = var.retention_ok
}

resource "aws_cloudwatch_log_group" "fine_local" {
  name              = "/app/local"
  retention_in_days = local.retention
}
