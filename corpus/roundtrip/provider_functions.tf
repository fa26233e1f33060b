# Provider-defined functions: provider::NAME::FUNCTION(...).
terraform {
  required_providers {
    aws = {
      source = "hashicorp/aws"
    }
  }
}

locals {
  arn       = "arn:aws:iam::123456789012:user/x"
  parsed    = provider::aws::arn_parse(local.arn)
  account   = provider::aws::arn_parse(local.arn).account_id
  nested    = provider::aws::arn_build("aws", "iam", "", "123", provider::aws::arn_parse(local.arn).resource)
  in_string = "id=${provider::aws::arn_parse(local.arn).account_id}"
  aliased   = provider::aws::alias_name::trim_iam_role_path(local.arn)
}
