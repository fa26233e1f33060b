variable "name" {
  type = string
}

variable "vpc_id" {
  type = string
}

resource "aws_s3_bucket" "flow_logs" {
  bucket = "${var.name}-flow-logs"
}

resource "aws_cloudwatch_log_group" "flow" {
  name = "/vpc/${var.name}/flow-logs"
}

resource "aws_iam_role" "flow" {
  name = "${var.name}-flow-logs"
  assume_role_policy = jsonencode({ Version = "2012-10-17", Statement = [{ Effect = "Allow", Action = "sts:AssumeRole", Principal = { Service = "vpc-flow-logs.amazonaws.com" } }] })
}

resource "aws_flow_log" "this" {
  iam_role_arn    = aws_iam_role.flow.arn
  log_destination = aws_cloudwatch_log_group.flow.arn
  traffic_type    = "ALL"
  vpc_id          = var.vpc_id
}
