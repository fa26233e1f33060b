# Names built from var.my-env (Terraform allows hyphens in names) differ per
# environment already: the module is called once per environment with my-env =
# dev/stg/prd. A second discriminator would only rename (replace) them.
provider "aws" {
  region = "eu-west-1"
}

variable "my-env" {
  type    = string
  default = "dev"
}

resource "aws_sns_topic" "alerts" {
  name = "alerts-${var.my-env}"
}

resource "aws_iam_role" "worker" {
  name               = "worker-${var.my-env}"
  assume_role_policy = "{}"
}
