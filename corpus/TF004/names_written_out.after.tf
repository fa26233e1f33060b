# A deployed root. Names written out as text (not references) elsewhere in the module
# do not follow a rename by themselves, and the replacement deletes the object they
# name. Where the text can be rewritten exactly without changing anything else (a
# document, a map, an argument updated in place), it follows the new name; where it
# cannot (a literal name that may be another object's, a local that other arguments
# may read), the name is kept, with the places named.
terraform {
  backend "s3" {}
}

variable "project_name" {
  default = "shop"
}

variable "environment_suffix" {
  description = "Suffix of every physical name (environment or pull request), so that several deployments can share an account"
  type        = string

  validation {
    condition     = can(regex("^[a-z0-9][a-z0-9-]{0,7}$", var.environment_suffix))
    error_message = "environment_suffix must be 1-8 lowercase letters, digits or hyphens."
  }
}

resource "aws_kms_key" "app" {
  enable_key_rotation = true
}

resource "aws_kms_alias" "app" {
  name          = "alias/${var.project_name}-app"
  target_key_id = aws_kms_key.app.key_id
}

resource "aws_sns_topic" "events" {
  name_prefix       = "events-"
  kms_master_key_id = "alias/${var.project_name}-app"
}

resource "aws_lambda_function" "orders" {
  function_name = "${var.project_name}-${var.environment_suffix}-orders"
  role          = "arn:aws:iam::111122223333:role/orders"
  runtime       = "python3.12"
  handler       = "app.handler"
  filename      = "app.zip"
}

resource "aws_sfn_state_machine" "flow" {
  name_prefix = "flow-"
  role_arn    = "arn:aws:iam::111122223333:role/flow"
  definition  = <<-EOT
    {
      "StartAt": "Invoke",
      "States": {
        "Invoke": {
          "Type": "Task",
          "Resource": "arn:aws:states:::lambda:invoke",
          "Parameters": { "FunctionName": "${var.project_name}-${var.environment_suffix}-orders" },
          "End": true
        }
      }
    }
  EOT
}

resource "aws_lambda_function" "report" {
  function_name = "report"
  role          = "arn:aws:iam::111122223333:role/report"
  runtime       = "python3.12"
  handler       = "app.handler"
  filename      = "report.zip"
}

resource "aws_cloudwatch_event_target" "report" {
  rule  = "nightly"
  arn   = aws_lambda_function.report.arn
  input = jsonencode({ function = "report" })
}

resource "aws_lambda_function" "audit" {
  function_name = "${var.project_name}-audit"
  role          = "arn:aws:iam::111122223333:role/audit"
  runtime       = "python3.12"
  handler       = "app.handler"
  filename      = "audit.zip"
}

locals {
  audit_function = "${var.project_name}-audit"
}

output "audit_function" {
  value = local.audit_function
}
