terraform {
  required_version = ">= 1.11, < 2.0"

  backend "s3" {
    bucket       = "tf-state"
    key          = "app/terraform.tfstate"
    region       = "eu-west-1"
    encrypt      = false # TODO
    use_lockfile = true
  }
}

provider "aws" {
  region = "eu-west-1"
}
