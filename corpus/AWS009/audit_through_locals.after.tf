locals {
  trail_log_group_arn = "${aws_cloudwatch_log_group.events.arn}:*"
}

resource "aws_cloudwatch_log_group" "events" {
  name              = "/org/events"
  retention_in_days = 365
}

resource "aws_cloudtrail" "org" {
  name                       = "org"
  s3_bucket_name             = aws_s3_bucket.trail.id
  cloud_watch_logs_group_arn = local.trail_log_group_arn
  cloud_watch_logs_role_arn  = aws_iam_role.trail.arn
}

resource "aws_cloudwatch_log_group" "alerts" {
  name              = "/network/firewall"
  retention_in_days = 365
}

resource "aws_networkfirewall_logging_configuration" "main" {
  firewall_arn = aws_networkfirewall_firewall.main.arn

  logging_configuration {
    log_destination_config {
      log_destination = {
        logGroup = aws_cloudwatch_log_group.alerts.name
      }
      log_destination_type = "CloudWatchLogs"
      log_type             = "ALERT"
    }
  }
}

provider "aws" {
  region = "eu-west-1"
}
