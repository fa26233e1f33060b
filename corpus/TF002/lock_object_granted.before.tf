# The policy grants every object under the prefix: the lock object too.
terraform {
  required_version = ">= 1.10"

  backend "s3" {
    bucket  = "example-tfstate"
    key     = "apps/web/terraform.tfstate"
    region  = "eu-west-1"
    encrypt = true
  }
}

provider "aws" {
  region = "eu-west-1"
}

data "aws_iam_policy_document" "ci_state" {
  statement {
    actions   = ["s3:GetObject", "s3:PutObject", "s3:DeleteObject"]
    resources = ["arn:aws:s3:::example-tfstate/apps/web/*"]
  }
}

resource "aws_iam_role_policy" "ci_state" {
  role   = "ci"
  policy = data.aws_iam_policy_document.ci_state.json
}
