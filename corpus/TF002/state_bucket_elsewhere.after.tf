terraform {
  required_version = ">= 1.10"
  backend "s3" {
    bucket       = "acme-tf-state"
    key          = "app/terraform.tfstate"
    region       = "eu-west-1"
    encrypt      = false
    use_lockfile = true
  }
}

provider "aws" {
  region = "eu-west-1"
}

resource "aws_sqs_queue" "jobs" {
  name = "jobs"
}
