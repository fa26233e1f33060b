locals {
  queues = {
    ingest = { visibility = 30 }
    export = { visibility = 60 }
  }
  subscriptions = {
    for name, q in local.queues : "${name}-sub" => {
      queue = name
      raw   = true
    }
  }
}

resource "aws_sqs_queue" "q" {
  for_each                   = local.queues
  name                       = each.key
  visibility_timeout_seconds = each.value.visibility
}

resource "aws_sns_topic_subscription" "sub" {
  for_each             = local.subscriptions
  topic_arn            = "arn:aws:sns:us-east-1:123456789012:events"
  protocol             = "sqs"
  endpoint             = aws_sqs_queue.q[each.value.queue].arn
  raw_message_delivery = each.value.raw
}

resource "aws_cloudwatch_metric_alarm" "depth" {
  for_each            = local.subscriptions
  alarm_name          = "${each.key}-depth"
  comparison_operator = "GreaterThanThreshold"
  evaluation_periods  = 1
  threshold           = 100

  dynamic "metric_query" {
    for_each = ["depth"]
    content {
      id = metric_query.value
      metric {
        metric_name = "ApproximateNumberOfMessagesVisible"
        namespace   = "AWS/SQS"
        period      = 60
        stat        = "Maximum"
        dimensions = {
          QueueName = aws_sqs_queue.q[each.value.queue].name # the queue of this subscription
        }
      }
    }
  }
}
