# A module made to be called: no provider, no backend, and a required input. It has
# no project_name, but "declare it" is not the advice: a new required variable would
# change what every caller must pass. One finding for the module says what it needs
# (an input its callers pass); names built from an input already differ per caller.
variable "name" {
  type = string
}

variable "retention_days" {
  type    = number
  default = 30
}

locals {
  prefix = "${var.name}-flowlogs"
}

resource "aws_iam_role" "flowlogs" {
  name               = "${local.prefix}-role"
  assume_role_policy = "{}"
}

resource "aws_sns_topic" "audit" {
  name = "audit-trail"
}

resource "aws_iam_policy" "reports" {
  name   = "reports-read"
  policy = "{}"
}

resource "aws_cloudwatch_log_group" "flowlogs" {
  name              = "/vpc/${var.name}"
  retention_in_days = var.retention_days
}
