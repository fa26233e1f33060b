resource "aws_kms_key" "pipeline_key" {
  description             = "KMS key for CI/CD pipeline encryption"
  deletion_window_in_days = 7
  enable_key_rotation     = true
}

resource "aws_cloudwatch_log_group" "lambda" {
  # checkov:skip=CKV_AWS_158:the policy of aws_kms_key.pipeline_key does not let CloudWatch Logs use it (tffix AWS004)
  for_each          = toset(["orders", "users"])
  name              = "/aws/lambda/${each.key}"
  retention_in_days = 14

  tags = {
    Service = each.key
  }
}

resource "aws_cloudwatch_log_group" "plain" {
  name = "/aws/codebuild/plain"
}

resource "aws_cloudwatch_log_group" "external" {
  name       = "/aws/codebuild/external"
  kms_key_id = var.log_key_arn
}
