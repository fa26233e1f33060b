variable "lifecycle_rules" {
  type    = any
  default = []
}

resource "aws_s3_bucket" "this" {
  bucket = "dynamic-rules"

  dynamic "lifecycle_rule" {
    for_each = var.lifecycle_rules
    content {
      id      = lookup(lifecycle_rule.value, "id", null)
      prefix  = lookup(lifecycle_rule.value, "prefix", null)
      enabled = lifecycle_rule.value.enabled
    }
  }
}

resource "aws_s3_bucket" "plain" {
  bucket = "plain-rules"
}

resource "aws_s3_bucket_lifecycle_configuration" "plain" {
  bucket = aws_s3_bucket.plain.id

  rule {
    id     = "all"
    status = "Enabled"

    filter {}

    abort_incomplete_multipart_upload {
      days_after_initiation = 3
    }
  }
}
