# No project_name: every name starts with local.name, built from two variables.
variable "org" {
  type    = string
  default = "acme"
}

variable "app" {
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

locals {
  name = "${var.org}-${var.app}-${var.environment_suffix}"
}

resource "aws_sqs_queue" "jobs" {
  name = "${local.name}-jobs"
}

resource "aws_cloudwatch_log_group" "worker" {
  name = "/aws/lambda/${local.name}-worker"
}

resource "aws_sns_topic" "alerts" {
  name = "${local.name}-alerts"
}

data "aws_iam_policy_document" "publish" {
  statement {
    actions   = ["sqs:SendMessage"]
    resources = ["arn:aws:sqs:*:*:${local.name}-*"]
  }
}
