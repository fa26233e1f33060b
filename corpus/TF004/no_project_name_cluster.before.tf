# A deployed root without project_name whose only name TF004 would not change anyway
# (an ECS cluster): reported, not left without a finding.
terraform {
  required_version = ">= 1.6"
}

provider "aws" {
  region = "eu-west-1"
}

resource "aws_ecs_cluster" "c" {
  name = "demo-cluster"
}
