# Calls the module of the directory above it, as examples do: deployed or not?
provider "aws" {
  region = "eu-west-1"
}

variable "project_name" {
  type = string
}

module "queue" {
  source = "../"

  name = "${var.project_name}-jobs"
}

resource "aws_sns_topic" "alerts" {
  name = "alerts"
}
