terraform {
  required_providers {
    aws = {
      source  = "hashicorp/aws"
      version = ">= 5.100"
    }
  }
}

variable "azs" {
  type = list(string)
}

variable "single_nat" {
  type    = bool
  default = false
}

resource "aws_eip" "nat" {
  count  = length(var.azs)
  domain = "vpc"

  tags = {
    Name = "nat-${var.azs[count.index]}"
  }
}

resource "aws_eip" "bastion" {
  instance = aws_instance.bastion.id
  vpc      = var.single_nat
}

resource "aws_eip" "classic" {
}

resource "aws_instance" "bastion" {
  ami           = "ami-0123456789abcdef0"
  instance_type = "c5.xlarge"

  cpu_options {
    core_count       = 2
    threads_per_core = 1
  }
}

resource "aws_flow_log" "vpc" {
  iam_role_arn   = "arn:aws:iam::123456789012:role/flow-logs"
  log_group_name = aws_cloudwatch_log_group.flow.name
  traffic_type   = "ALL"
  vpc_id         = "vpc-0123456789abcdef0"
}

resource "aws_cloudwatch_log_group" "flow" {
  name              = "/vpc/flow"
  retention_in_days = 90
}

resource "aws_flow_log" "legacy" {
  iam_role_arn   = "arn:aws:iam::123456789012:role/flow-logs"
  log_group_name = "/vpc/legacy"
  traffic_type   = "REJECT"
  vpc_id         = "vpc-0123456789abcdef0"
}
