terraform {
  required_providers {
    aws = {
      source  = "hashicorp/aws"
      version = ">= 6.0"
    }
  }
}

data "aws_region" "current" {}

data "aws_caller_identity" "current" {}

data "aws_region" "replica" {
  region = "eu-west-1"
}

locals {
  log_arn_prefix = "arn:aws:logs:${data.aws_region.current.region}:${data.aws_caller_identity.current.account_id}"
  regions        = [data.aws_region.current.region, data.aws_region.replica.region]
}

resource "aws_cloudwatch_log_group" "app" {
  name = "/app/${data.aws_region.current.region}"
}

output "region" {
  value = data.aws_region.current.region
}
