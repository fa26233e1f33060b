provider "aws" {}

# A queue told of deletions: on a versioned bucket an ordinary delete sends
# s3:ObjectRemoved:DeleteMarkerCreated instead of s3:ObjectRemoved:Delete.
resource "aws_s3_bucket" "uploads" {
  bucket = "example-uploads"
}

resource "aws_s3_bucket_public_access_block" "uploads" {
  bucket = aws_s3_bucket.uploads.id

  block_public_acls       = true
  block_public_policy     = true
  ignore_public_acls      = true
  restrict_public_buckets = true
}

resource "aws_s3_bucket_server_side_encryption_configuration" "uploads" {
  bucket = aws_s3_bucket.uploads.id

  rule {
    apply_server_side_encryption_by_default {
      sse_algorithm = "aws:kms"
    }
    bucket_key_enabled = true
  }
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

resource "aws_s3_bucket_public_access_block" "images" {
  bucket = aws_s3_bucket.images.id

  block_public_acls       = true
  block_public_policy     = true
  ignore_public_acls      = true
  restrict_public_buckets = true
}

resource "aws_s3_bucket_versioning" "images" {
  bucket = aws_s3_bucket.images.id

  versioning_configuration {
    status = "Enabled"
  }
}

resource "aws_s3_bucket_server_side_encryption_configuration" "images" {
  bucket = aws_s3_bucket.images.id

  rule {
    apply_server_side_encryption_by_default {
      sse_algorithm = "aws:kms"
    }
    bucket_key_enabled = true
  }
}

resource "aws_s3_bucket_lifecycle_configuration" "images" {
  bucket = aws_s3_bucket.images.id

  rule {
    id     = "baseline"
    status = "Enabled"

    filter {}

    abort_incomplete_multipart_upload {
      days_after_initiation = 7
    }

    noncurrent_version_expiration {
      noncurrent_days = 90
    }
  }

  depends_on = [aws_s3_bucket_versioning.images]
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

resource "aws_s3_bucket_public_access_block" "tmp" {
  bucket = aws_s3_bucket.tmp.id

  block_public_acls       = true
  block_public_policy     = true
  ignore_public_acls      = true
  restrict_public_buckets = true
}

resource "aws_s3_bucket_server_side_encryption_configuration" "tmp" {
  bucket = aws_s3_bucket.tmp.id

  rule {
    apply_server_side_encryption_by_default {
      sse_algorithm = "aws:kms"
    }
    bucket_key_enabled = true
  }
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

resource "aws_s3_bucket_public_access_block" "records" {
  bucket = aws_s3_bucket.records.id

  block_public_acls       = true
  block_public_policy     = true
  ignore_public_acls      = true
  restrict_public_buckets = true
}

resource "aws_s3_bucket_server_side_encryption_configuration" "records" {
  bucket = aws_s3_bucket.records.id

  rule {
    apply_server_side_encryption_by_default {
      sse_algorithm = "aws:kms"
    }
    bucket_key_enabled = true
  }
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
