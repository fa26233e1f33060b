terraform {
  backend "local" {
    path = "state/terraform.tfstate"
  }
}

provider "aws" {}
