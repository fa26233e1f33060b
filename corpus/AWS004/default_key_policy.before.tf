# The shape of examples/s3-kms: a key created without a policy gets the default
# key policy, which trusts only the account's IAM policies, so CloudWatch Logs
# cannot use it and creating the log group fails with AccessDeniedException.
resource "aws_kms_key" "main" {
  description             = "Key for the ${var.project_name} artifacts"
  deletion_window_in_days = 7
}

resource "aws_cloudwatch_log_group" "pipeline" {
  name       = "/aws/codebuild/${var.project_name}"
  kms_key_id = aws_kms_key.main.arn
}

variable "project_name" {
  type    = string
  default = "demo"
}
