data "aws_caller_identity" "current" {}

resource "aws_cloudtrail" "this" {
  name                          = "example-trail"
  s3_bucket_name                = aws_s3_bucket.trail.id
  include_global_service_events = true

  depends_on = [aws_s3_bucket_policy.trail]
}

resource "aws_s3_bucket" "trail" {
  bucket = "example-trail-bucket-123456"

  lifecycle {
    ignore_changes = [policy]
  }
}

resource "aws_s3_bucket_policy" "trail" {
  bucket = aws_s3_bucket.trail.id
  policy = data.aws_iam_policy_document.trail.json
}

data "aws_iam_policy_document" "trail" {
  statement {
    actions   = ["s3:GetBucketAcl", "s3:PutObject"]
    resources = ["arn:aws:s3:::example-trail-bucket-123456", "arn:aws:s3:::example-trail-bucket-123456/*"]

    principals {
      type        = "Service"
      identifiers = ["cloudtrail.amazonaws.com", "config.amazonaws.com"]
    }
  }
}

resource "aws_config_delivery_channel" "this" {
  name           = "default"
  s3_bucket_name = aws_s3_bucket.trail.bucket

  depends_on = [aws_config_configuration_recorder.this, aws_s3_bucket_policy.trail]
}

resource "aws_config_configuration_recorder" "this" {
  name     = "default"
  role_arn = "arn:aws:iam::123456789012:role/config"
}

resource "aws_s3_bucket" "logs" {
  count  = var.enabled ? 1 : 0
  bucket = "example-lb-logs-123456"

  lifecycle {
    ignore_changes = [policy]
  }
}

resource "aws_s3_bucket_policy" "logs" {
  count = var.enabled ? 1 : 0

  bucket = aws_s3_bucket.logs[count.index].id
  policy = var.lb_logs_policy
}

variable "enabled" {
  type = bool
}

variable "lb_logs_policy" {
  type = string
}

resource "aws_lb" "web" {
  name               = "web"
  load_balancer_type = "application"
  subnets            = ["subnet-1", "subnet-2"]

  access_logs {
    bucket  = aws_s3_bucket.logs[0].id
    enabled = true
  }

  depends_on = [aws_s3_bucket_policy.logs]

  lifecycle {
    create_before_destroy = true
  }
}

resource "aws_sns_topic" "unrelated" {
  name = aws_s3_bucket.trail.id
}
