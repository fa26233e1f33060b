resource "aws_sns_topic" "deployments" {
  name              = "${var.project_name}-deployment-notifications"
  kms_master_key_id = aws_kms_key.pipeline_key.id
}

resource "aws_sns_topic_policy" "deployments" {
  arn = aws_sns_topic.deployments.arn

  policy = jsonencode({
    Version = "2012-10-17"
    Statement = [
      {
        Sid       = "AllowEventBridgePublish"
        Effect    = "Allow"
        Principal = { Service = "events.amazonaws.com" }
        Action    = "sns:Publish"
        Resource  = aws_sns_topic.deployments.arn
      },
    ]
  })
}

resource "aws_sns_topic_subscription" "email" {
  topic_arn = aws_sns_topic.deployments.arn
  protocol  = "email"
  endpoint  = var.notification_email
}
