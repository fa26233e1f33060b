variable "project_name" {
  type = string
}

variable "environment_suffix" {
  type = string
}

variable "name" {
  description = "Name of the queue, chosen by the caller"
  type        = string
}

locals {
  prefix = "${var.project_name}-${var.environment_suffix}"
}

resource "aws_s3_bucket" "direct" {
  bucket = "${var.project_name}-${var.environment_suffix}-data"
}

resource "aws_s3_bucket" "via_local" {
  bucket = "${local.prefix}-logs"
}

resource "aws_sqs_queue" "caller" {
  name = var.name
}

resource "aws_sqs_queue" "dead_letter" {
  name = "${aws_sqs_queue.caller.name}-dlq"
}

resource "aws_iam_role" "generated" {
  name_prefix        = "worker-"
  assume_role_policy = "{}"
}

resource "aws_sns_topic" "interpolated_only" {
  name = lower(var.name)
}

resource "aws_iam_policy" "caller" {
  name   = "${var.name}-access"
  policy = "{}"
}
