# A deployment (its provider block says so): TF004 may add the suffix variable.
provider "aws" {
  region = "eu-west-1"
}

# local.name also names what a data source looks up: it must stay as it is.
locals {
  name = "${var.org}-${var.app}"
}

variable "org" {
  type = string
}

variable "app" {
  type = string
}

data "aws_iam_role" "deployer" {
  name = "${local.name}-deployer"
}

resource "aws_sqs_queue" "jobs" {
  name = "${local.name}-jobs"
}

resource "aws_sqs_queue" "dead_letters" {
  name = "${local.name}-dead-letters"
}
