# No provider, no backend, no input without a default, and nothing in the
# repository calls it: a root module taking its provider settings from the
# environment, or a module called from elsewhere; the code does not say.
# A retention deletes the older events on the next apply, of every caller's
# group if it is called: reported with the fact and the input to add. A
# retention already written is still checked (an invalid value is fixed).
variable "name" {
  type    = string
  default = "orders"
}

resource "aws_cloudwatch_log_group" "app" {
  name = "/app/${var.name}"
}

resource "aws_cloudwatch_log_group" "flow" {
  name              = "/vpc/${var.name}/flow-logs"
  retention_in_days = null
}

resource "aws_cloudwatch_log_group" "odd" {
  name              = "/app/${var.name}/odd"
  retention_in_days = 10
}

resource "aws_flow_log" "this" {
  log_destination = aws_cloudwatch_log_group.flow.arn
  traffic_type    = "ALL"
  vpc_id          = "vpc-0123456789abcdef0"
}
