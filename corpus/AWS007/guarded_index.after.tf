# Indexes an author guards against a key the other collection lacks: as
# written they plan (only the selected branch of a conditional is evaluated,
# try() and can() catch the invalid index), and a key present in both maps
# is looked up on purpose. Left alone; the unguarded index is fixed.
locals {
  functions = {
    orders  = {}
    billing = {}
  }
  queues = {
    orders  = { consumer = "billing" }
    billing = { consumer = "orders" }
    events  = { consumer = "billing" }
  }
}

resource "aws_lambda_function" "fn" {
  for_each      = local.functions
  function_name = "svc-${each.key}"
  role          = "arn:aws:iam::123456789012:role/fn"
  runtime       = "python3.12"
  handler       = "app.handler"
  filename      = "app.zip"
}

resource "aws_cloudwatch_metric_alarm" "producer_errors" {
  for_each            = local.queues
  alarm_name          = "producer-errors-${each.key}"
  comparison_operator = "GreaterThanThreshold"
  evaluation_periods  = 1
  metric_name         = "Errors"
  namespace           = "AWS/Lambda"
  period              = 60
  statistic           = "Sum"
  threshold           = 0
  dimensions = {
    FunctionName = contains(keys(local.functions), each.key) ? aws_lambda_function.fn[each.key].function_name : "external-${each.key}"
  }
}

resource "aws_cloudwatch_metric_alarm" "producer_throttles" {
  for_each            = local.queues
  alarm_name          = "producer-throttles-${each.key}"
  comparison_operator = "GreaterThanThreshold"
  evaluation_periods  = 1
  metric_name         = "Throttles"
  namespace           = "AWS/Lambda"
  period              = 60
  statistic           = "Sum"
  threshold           = 0
  dimensions = {
    FunctionName = try(aws_lambda_function.fn[each.key].function_name, "external-${each.key}")
  }
}

resource "aws_lambda_event_source_mapping" "consume" {
  for_each         = local.queues
  event_source_arn = "arn:aws:sqs:eu-west-1:123456789012:q-${each.key}"
  function_name    = aws_lambda_function.fn[each.value.consumer].arn
}
