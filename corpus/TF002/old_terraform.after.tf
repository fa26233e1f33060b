terraform {
  required_version = "~> 1.5"

  backend "s3" {
    # Backend configuration is provided at init time
  }
}

provider "aws" {}
