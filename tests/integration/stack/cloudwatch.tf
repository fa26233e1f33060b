resource "aws_cloudwatch_log_group" "lambda" {
  for_each = local.lambda_services

  name              = "/aws/lambda/${var.project_name}-${each.key}"
  retention_in_days = 14
  kms_key_id        = aws_kms_key.pipeline_key.arn
}

resource "aws_cloudwatch_log_group" "codebuild" {
  name = "/aws/codebuild/${var.project_name}-build"
  retention_in_days = 14
  kms_key_id = aws_kms_key.pipeline_key.arn
}

resource "aws_cloudwatch_metric_alarm" "lambda_errors" {
  for_each = local.lambda_services

  alarm_name          = "${var.project_name}-${each.key}-errors"
  comparison_operator = "GreaterThanThreshold"
  evaluation_periods  = 1
  metric_name         = "Errors"
  namespace           = "AWS/Lambda"
  period              = 300
  statistic           = "Sum"
  threshold           = 0
  alarm_description   = "Errors of the ${each.key} function"
  alarm_actions       = [aws_sns_topic.deployments.arn]

  dimensions = {
    FunctionName = aws_lambda_function.service[each.key].function_name
  }
}

resource "aws_cloudwatch_dashboard" "main" {
  dashboard_name = "${var.project_name}-dashboard"

  dashboard_body = jsonencode({
    widgets = [
      {
        type   = "metric"
        width  = 12
        height = 6
        properties = {
          title  = "Lambda invocations"
          region = var.aws_region
          metrics = [
            for name, fn in aws_lambda_function.service : ["AWS/Lambda", "Invocations", "FunctionName", fn.function_name]
          ]
        }
      },
    ]
  })
}

resource "aws_cloudwatch_event_rule" "pipeline_state" {
  name        = "${var.project_name}-pipeline-state"
  description = "State changes of the CI/CD pipeline"

  event_pattern = jsonencode({
    source        = ["aws.codepipeline"]
    "detail-type" = ["CodePipeline Pipeline Execution State Change"]
    detail = {
      pipeline = [aws_codepipeline.main.name]
    }
  })
}

resource "aws_cloudwatch_event_target" "pipeline_state" {
  rule      = aws_cloudwatch_event_rule.pipeline_state.name
  target_id = "sns"
  arn       = aws_sns_topic.deployments.arn
}
