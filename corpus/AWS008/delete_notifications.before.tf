provider "aws" {}

# A queue told of deletions: on a versioned bucket an ordinary delete sends
# s3:ObjectRemoved:DeleteMarkerCreated instead of s3:ObjectRemoved:Delete.
resource "aws_s3_bucket" "uploads" {
  bucket = "example-uploads"
}

resource "aws_sqs_queue" "events" {
  name = "upload-events"
}

resource "aws_s3_bucket_notification" "uploads" {
  bucket = aws_s3_bucket.uploads.id

  queue {
    queue_arn = aws_sqs_queue.events.arn
    events    = ["s3:ObjectCreated:*", "s3:ObjectRemoved:Delete"]
  }
}

# Told of every removal (the wildcard covers delete markers): versioned as usual.
resource "aws_s3_bucket" "images" {
  bucket = "example-images"
}

resource "aws_s3_bucket_notification" "images" {
  bucket = aws_s3_bucket.images.id

  queue {
    queue_arn = aws_sqs_queue.events.arn
    events    = ["s3:ObjectCreated:*", "s3:ObjectRemoved:*"]
  }
}

# Events from a local with an expiration notice only.
locals {
  expiry_events = ["s3:LifecycleExpiration:Delete"]
}

resource "aws_s3_bucket" "tmp" {
  bucket = "example-tmp"
}

resource "aws_sns_topic" "expired" {
  name = "expired"
}

resource "aws_s3_bucket_notification" "tmp" {
  bucket = aws_s3_bucket.tmp.id

  topic {
    topic_arn = aws_sns_topic.expired.arn
    events    = local.expiry_events
  }
}

# EventBridge: a rule matching permanent deletions only.
resource "aws_s3_bucket" "records" {
  bucket = "example-records"
}

resource "aws_s3_bucket_notification" "records" {
  bucket      = aws_s3_bucket.records.id
  eventbridge = true
}

resource "aws_cloudwatch_event_rule" "records_deleted" {
  name = "records-deleted"
  event_pattern = jsonencode({
    source      = ["aws.s3"]
    detail-type = ["Object Deleted"]
    detail = {
      bucket        = { name = [aws_s3_bucket.records.id] }
      deletion-type = ["Permanently Deleted"]
    }
  })
}
