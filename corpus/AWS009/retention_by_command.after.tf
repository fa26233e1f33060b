provider "aws" {}

# Retention set by a command: a value here would replace it on every apply.
resource "aws_cloudwatch_log_group" "audit" {
  name = "/app/audit"
}

resource "null_resource" "audit_retention" {
  triggers = {
    group = aws_cloudwatch_log_group.audit.name
  }

  provisioner "local-exec" {
    command = "aws logs put-retention-policy --log-group-name ${aws_cloudwatch_log_group.audit.name} --retention-in-days 3653"
  }
}

# A command whose log group is not shown: it may be any of them.
resource "aws_cloudwatch_log_group" "api" {
  name = "/app/api"
}

variable "group_name" {
  type = string
}

resource "null_resource" "some_retention" {
  provisioner "local-exec" {
    command = "aws logs put-retention-policy --log-group-name ${var.group_name} --retention-in-days 30"
  }
}
