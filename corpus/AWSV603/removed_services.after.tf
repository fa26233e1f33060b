provider "aws" {
  region                         = "us-east-1"
  s3_us_east_1_regional_endpoint = "legacy"
}

resource "aws_opsworks_stack" "main" {
  name                         = "legacy-stack"
  region                       = "us-east-1"
  service_role_arn             = "arn:aws:iam::123456789012:role/opsworks"
  default_instance_profile_arn = "arn:aws:iam::123456789012:instance-profile/opsworks"
}

resource "aws_opsworks_custom_layer" "app" {
  name       = "app"
  short_name = "app"
  stack_id   = aws_opsworks_stack.main.id
}

resource "aws_simpledb_domain" "sessions" {
  name = "sessions"
}

data "aws_redshift_service_account" "main" {}

resource "aws_redshift_service_account" "legacy" {}
