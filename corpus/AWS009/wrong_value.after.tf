resource "aws_cloudwatch_log_group" "null_retention" {
  name              = "/app/null"
  retention_in_days = 365 # set later
}

resource "aws_cloudwatch_log_group" "not_accepted" {
  name              = "/app/ten"
  retention_in_days = 14
}

resource "aws_cloudwatch_log_group" "quoted" {
  name              = "/app/quoted"
  retention_in_days = 60
}

resource "aws_cloudwatch_log_group" "too_long" {
  name              = "/app/forever"
  retention_in_days = 5000
}

provider "aws" {
  region = "eu-west-1"
}
