resource "aws_cloudwatch_log_group" "fn" {
  for_each = local.functions

  name              = "/aws/lambda/${local.name}-${each.key}"
  retention_in_days = 30
  kms_key_id        = aws_kms_key.this["data"].arn
}

resource "aws_cloudwatch_log_group" "build" {
  name       = "/aws/codebuild/${local.name}-package"
  kms_key_id = aws_kms_key.this["pipeline"].arn
}

resource "aws_sns_topic" "releases" {
  name              = "${local.name}-releases"
  kms_master_key_id = aws_kms_key.this["pipeline"].id
}

resource "aws_cloudwatch_metric_alarm" "errors" {
  for_each = local.functions

  alarm_name          = "${local.name}-${each.key}-errors"
  namespace           = "AWS/Lambda"
  metric_name         = "Errors"
  statistic           = "Sum"
  period              = 300
  evaluation_periods  = 1
  threshold           = 1
  comparison_operator = "GreaterThanOrEqualToThreshold"
  alarm_actions       = [aws_sns_topic.releases.arn]

  dimensions = {
    FunctionName = aws_lambda_function.fn[each.key].function_name
  }
}
