# The module runs provider 4.x: `domain` is settable from 5.0.0 and the
# cpu_options block exists from 4.66.0, so the v6 rewrites wait for the v5 step.
terraform {
  required_providers {
    aws = {
      source  = "hashicorp/aws"
      version = "~> 4.0"
    }
  }
}

provider "aws" {
  region = "us-east-1"
}

resource "aws_eip" "nat" {
  vpc = true
}

resource "aws_instance" "web" {
  ami                  = "ami-12345678"
  instance_type        = "c5.large"
  cpu_core_count       = 1
  cpu_threads_per_core = 1
}

resource "aws_flow_log" "vpc" {
  vpc_id         = "vpc-12345678"
  traffic_type   = "ALL"
  iam_role_arn   = "arn:aws:iam::123456789012:role/flow-logs"
  log_group_name = aws_cloudwatch_log_group.flow.name
}

resource "aws_cloudwatch_log_group" "flow" {
  name = "flow"
}
