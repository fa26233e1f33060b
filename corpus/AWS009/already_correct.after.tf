variable "retention" {
  type    = number
  default = 90
}

resource "aws_cloudwatch_log_group" "two_weeks" {
  name              = "/app/two-weeks"
  retention_in_days = 14
}

# Audit logs are kept forever on purpose: 0 means never expire.
resource "aws_cloudwatch_log_group" "audit" {
  name              = "/app/audit"
  retention_in_days = 0
}

resource "aws_cloudwatch_log_group" "from_variable" {
  count             = 2
  name              = "/app/${count.index}"
  retention_in_days = var.retention
}
