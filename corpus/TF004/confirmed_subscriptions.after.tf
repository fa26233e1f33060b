# A deployed root whose topics have subscriptions. Renaming a topic replaces it, and
# Terraform subscribes the endpoints again, but an email, email-json, http or https
# endpoint must confirm a new subscription before SNS delivers to it: those topics,
# and those whose protocol the module does not show, keep their names with a finding.
# A topic whose subscribers confirm by themselves (sqs, lambda, an https endpoint with
# endpoint_auto_confirms) is renamed.
terraform {
  backend "s3" {}
}

provider "aws" {
  region = "us-east-1"
}

variable "project_name" {
  type    = string
  default = "cicd-platform"
}

variable "environment_suffix" {
  description = "Suffix of every physical name (environment or pull request), so that several deployments can share an account"
  type        = string

  validation {
    condition     = can(regex("^[a-z0-9][a-z0-9-]{0,7}$", var.environment_suffix))
    error_message = "environment_suffix must be 1-8 lowercase letters, digits or hyphens."
  }
}

variable "notification_email" {
  type = string
}

variable "alert_protocol" {
  type    = string
  default = "lambda"
}

variable "watchers" {
  type = map(object({ protocol = string, endpoint = string }))
  default = {
    ops = { protocol = "lambda", endpoint = "arn:aws:lambda:us-east-1:111122223333:function:ops" }
  }
}

locals {
  webhook_topic = aws_sns_topic.webhooks.arn
  subscribers = {
    oncall = { protocol = "email-json", endpoint = "oncall@example.com" }
    audit  = { protocol = "lambda", endpoint = "arn:aws:lambda:us-east-1:111122223333:function:audit" }
  }
}

resource "aws_sns_topic" "deployments" {
  name = "${var.project_name}-deployment-notifications"
}

resource "aws_sns_topic_subscription" "email" {
  topic_arn = aws_sns_topic.deployments.arn
  protocol  = "email"
  endpoint  = var.notification_email
}

resource "aws_sns_topic" "webhooks" {
  name = "${var.project_name}-webhooks"
}

resource "aws_sns_topic_subscription" "webhook" {
  topic_arn = local.webhook_topic
  protocol  = "https"
  endpoint  = "https://hooks.example.com/sns"
}

resource "aws_sns_topic" "pager" {
  name = "${var.project_name}-${var.environment_suffix}-pager"
}

resource "aws_sns_topic_subscription" "pager" {
  topic_arn              = aws_sns_topic.pager.arn
  protocol               = "https"
  endpoint               = "https://events.pagerduty.com/integration/abc/enqueue"
  endpoint_auto_confirms = true
}

resource "aws_sns_topic" "fanout" {
  name = "${var.project_name}-${var.environment_suffix}-fanout"
}

resource "aws_sns_topic_subscription" "worker" {
  topic_arn = aws_sns_topic.fanout.arn
  protocol  = "lambda"
  endpoint  = "arn:aws:lambda:us-east-1:111122223333:function:worker"
}

resource "aws_sns_topic" "alerts" {
  name = "${var.project_name}-alerts"
}

resource "aws_sns_topic_subscription" "alerts" {
  topic_arn = aws_sns_topic.alerts.arn
  protocol  = var.alert_protocol
  endpoint  = "arn:aws:lambda:us-east-1:111122223333:function:alerts"
}

resource "aws_sns_topic" "oncall" {
  name = "${var.project_name}-oncall"
}

resource "aws_sns_topic_subscription" "oncall" {
  for_each  = local.subscribers
  topic_arn = aws_sns_topic.oncall.arn
  protocol  = each.value.protocol
  endpoint  = each.value.endpoint
}

resource "aws_sns_topic" "watch" {
  name = "${var.project_name}-watch"
}

resource "aws_sns_topic_subscription" "watchers" {
  for_each  = var.watchers
  topic_arn = aws_sns_topic.watch.arn
  protocol  = each.value.protocol
  endpoint  = each.value.endpoint
}
