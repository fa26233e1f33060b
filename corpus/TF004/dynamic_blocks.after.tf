# A deployment (its provider block says so): TF004 may add the suffix variable.
provider "aws" {
  region = "eu-west-1"
}

variable "project_name" {
  type = string
}

variable "environment_suffix" {
  description = "Suffix of every physical name (environment or pull request), so that several deployments can share an account"
  type        = string

  validation {
    condition     = can(regex("^[a-z0-9][a-z0-9-]{0,7}$", var.environment_suffix))
    error_message = "environment_suffix must be 1-8 lowercase letters, digits or hyphens."
  }
}

variable "alarms" {
  type    = map(number)
  default = { errors = 1, throttles = 5 }
}

resource "aws_cloudwatch_metric_alarm" "lambda" {
  for_each            = var.alarms
  alarm_name          = "${var.project_name}-${var.environment_suffix}-${each.key}"
  comparison_operator = "GreaterThanThreshold"
  evaluation_periods  = 1
  threshold           = each.value
  metric_name         = each.key
  namespace           = "AWS/Lambda"
  period              = 60
  statistic           = "Sum"
  alarm_actions       = [aws_sns_topic.alerts.arn]
}

resource "aws_sns_topic" "alerts" {
  name = "${var.project_name}-${var.environment_suffix}-alerts"
}

resource "aws_codebuild_project" "build" {
  name         = "${var.project_name}-${var.environment_suffix}"
  service_role = "arn:aws:iam::123456789012:role/codebuild"

  artifacts {
    type = "NO_ARTIFACTS"
  }

  environment {
    compute_type = "BUILD_GENERAL1_SMALL"
    image        = "aws/codebuild/standard:7.0"
    type         = "LINUX_CONTAINER"

    dynamic "environment_variable" {
      for_each = { TOPIC = "alerts" }
      content {
        name  = environment_variable.key
        value = environment_variable.value
      }
    }
  }

  source {
    type = "NO_SOURCE"
  }
}
