# A module made to be called (an input without a default, no provider of its
# own). The log group `always` is created by every caller with the module's
# key, so every caller's apply fails today and the statement fixes them all;
# `optional` exists only for callers that ask for it, and a statement added for
# it would widen the key policy of every other caller too: a person decides.
variable "name" {
  type = string
}

variable "create_audit_log" {
  type    = bool
  default = false
}

resource "aws_kms_key" "this" {
  description         = "${var.name} logs"
  enable_key_rotation = true
}

resource "aws_kms_key" "audit" {
  description         = "${var.name} audit logs"
  enable_key_rotation = true
}

resource "aws_cloudwatch_log_group" "always" {
  name       = "/app/${var.name}"
  kms_key_id = aws_kms_key.this.arn
}

resource "aws_cloudwatch_log_group" "optional" {
  count      = var.create_audit_log ? 1 : 0
  name       = "/audit/${var.name}"
  kms_key_id = aws_kms_key.audit.arn
}
