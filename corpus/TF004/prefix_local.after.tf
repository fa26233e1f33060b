# No project_name: every name starts with local.name, built from two variables.
variable "org" {
  type    = string
  default = "acme"
}

variable "app" {
  type    = string
  default = "shop"
}

locals {
  name = "${var.org}-${var.app}"
}

resource "aws_sqs_queue" "jobs" {
  name = "${local.name}-jobs"
}

resource "aws_cloudwatch_log_group" "worker" {
  name = "/aws/lambda/${local.name}-worker"
}

resource "aws_sns_topic" "alerts" {
  name = "alerts"
}

data "aws_iam_policy_document" "publish" {
  statement {
    actions   = ["sqs:SendMessage"]
    resources = ["arn:aws:sqs:*:*:${local.name}-*"]
  }
}
