# A deployment (its provider block says so): TF004 may add the suffix variable.
provider "aws" {
  region = "eu-west-1"
}

variable "project_name" {
  type = string
}

variable "alarms" {
  type    = map(number)
  default = { errors = 1, throttles = 5 }
}

resource "aws_cloudwatch_metric_alarm" "lambda" {
  for_each            = var.alarms
  alarm_name          = "${var.project_name}-${each.key}"
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
  name = "${var.project_name}_alerts"
}

resource "aws_codebuild_project" "build" {
  name         = var.project_name
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
