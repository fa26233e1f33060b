variable "environment_suffix" {
  type    = string
  default = "dev"
}

locals {
  name_prefix = "app-${var.environment_sufix}"
}

resource "aws_sns_topic" "alerts" {
  name = "${local.name_prefx}-alerts"
}

resource "aws_sns_topic_subscription" "email" {
  topic_arn = aws_sns_topic.alert.arn
  protocol  = "email"
  endpoint  = var.alert_email
}

output "vpc" {
  value = module.network.vpc_id
}

output "bucket_policy" {
  value = data.aws_iam_policy_document.bucket_policy.json
}
