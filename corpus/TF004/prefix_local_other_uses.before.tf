# A deployed root without project_name: every name starts with local.name. The local
# also names resources TF004 has no table for (a parameter, a key pair an instance is
# launched with): a new value would replace them, deleting the parameter's value and
# terminating the instance. The local is left as it is, with one finding.
terraform {
  backend "s3" {}
}

variable "org" {
  type    = string
  default = "acme"
}

variable "app" {
  type    = string
  default = "shop"
}

locals {
  name = "${var.org}-${var.app}"
}

resource "aws_sns_topic" "alerts" {
  name = "${local.name}-alerts"
  tags = { Name = "${local.name}-alerts" }
}

resource "aws_cloudwatch_event_rule" "nightly" {
  name                = "${local.name}-nightly"
  schedule_expression = "rate(1 day)"
}

resource "aws_ssm_parameter" "db_password" {
  name  = "/${local.name}/db-password"
  type  = "SecureString"
  value = "change-me"

  lifecycle {
    ignore_changes = [value]
  }
}

resource "aws_key_pair" "bastion" {
  key_name   = "${local.name}-key"
  public_key = "ssh-ed25519 AAAAC3NzaC1lZDI1NTE5AAAAIExampleExampleExampleExampleExampleExampl bastion"
}

resource "aws_instance" "bastion" {
  ami           = "ami-0123456789abcdef0"
  instance_type = "t3.micro"
  key_name      = aws_key_pair.bastion.key_name
}
