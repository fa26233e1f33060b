terraform {
  required_version = ">= 1.10"
  backend "s3" {
    bucket       = "acme-tf-state"
    key          = "app/terraform.tfstate"
    region       = "eu-west-1"
    kms_key_id   = "arn:aws:kms:eu-west-1:111122223333:key/1234abcd-12ab-34cd-56ef-1234567890ab"
    encrypt      = true
    use_lockfile = true
  }
}

provider "aws" {
  region = "eu-west-1"
}

resource "aws_sqs_queue" "jobs" {
  name = "jobs"
}
