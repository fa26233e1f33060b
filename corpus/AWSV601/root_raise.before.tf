terraform {
  required_version = ">= 1.5"

  required_providers {
    aws = {
      source  = "hashicorp/aws"
      version = "~> 5.92"
    }
  }
}

provider "aws" {
  region = "us-east-1"
}

data "aws_region" "current" {}

resource "aws_servicequotas_template" "lambda" {
  region       = "us-east-1"
  quota_code   = "L-B99A9384"
  service_code = "lambda"
  value        = "80"
}

output "quota_region" {
  value = "${aws_servicequotas_template.lambda.region} (${data.aws_region.current.name})"
}
