# A module on provider 4.x, ready for the v5 upgrade: the new names exist.
terraform {
  required_providers {
    aws = {
      source  = "hashicorp/aws"
      version = "~> 4.67"
    }
  }
}

data "aws_iam_policy_document" "merged" {
  source_policy_documents = [data.aws_iam_policy_document.base.json]
  override_policy_documents = [
    <<JSON
{
  "Version": "2012-10-17",
  "Statement": [{"Sid": "Deny", "Effect": "Deny", "Action": "s3:*", "Resource": "*"}]
}
JSON
  ]

  statement {
    sid       = "Read"
    actions   = ["s3:GetObject"]
    resources = ["*"]
  }
}
