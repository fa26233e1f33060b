# A deployed root. Deleting a Standard state machine (the default type) terminates the
# executions still running on it, which may wait up to a year, and drops its history:
# a Standard one keeps its name, with a finding. An Express one is renamed.
terraform {
  backend "s3" {}
}

variable "project_name" {
  default = "shop"
}

resource "aws_sfn_state_machine" "approvals" {
  name     = "${var.project_name}-approvals"
  role_arn = "arn:aws:iam::111122223333:role/sfn"
  definition = jsonencode({
    StartAt = "Wait"
    States  = { Wait = { Type = "Wait", Seconds = 86400, End = true } }
  })
}

resource "aws_sfn_state_machine" "events" {
  name     = "${var.project_name}-events"
  type     = "EXPRESS"
  role_arn = "arn:aws:iam::111122223333:role/sfn"
  definition = jsonencode({
    StartAt = "Done"
    States  = { Done = { Type = "Pass", End = true } }
  })
}
