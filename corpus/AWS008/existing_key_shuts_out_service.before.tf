# The flow-log bucket is already encrypted with a key whose policy (the default one)
# does not let the log delivery service in: flow logs stop. A person fixes the key.
resource "aws_kms_key" "logs" {
  description         = "flow logs"
  enable_key_rotation = true
}

resource "aws_s3_bucket" "flow" {
  bucket = "acme-flow-logs"
}

resource "aws_s3_bucket_server_side_encryption_configuration" "flow" {
  bucket = aws_s3_bucket.flow.id

  rule {
    apply_server_side_encryption_by_default {
      sse_algorithm     = "aws:kms"
      kms_master_key_id = aws_kms_key.logs.arn
    }
  }
}

resource "aws_flow_log" "vpc" {
  log_destination      = aws_s3_bucket.flow.arn
  log_destination_type = "s3"
  traffic_type         = "ALL"
  vpc_id               = "vpc-0123456789abcdef0"
}

# CloudTrail cannot use the AWS managed key aws/s3 either.
resource "aws_s3_bucket" "trail" {
  bucket = "acme-trail"
}

resource "aws_s3_bucket_server_side_encryption_configuration" "trail" {
  bucket = aws_s3_bucket.trail.id

  rule {
    apply_server_side_encryption_by_default {
      sse_algorithm = "aws:kms"
    }
  }
}

resource "aws_cloudtrail" "main" {
  name           = "main"
  s3_bucket_name = aws_s3_bucket.trail.id
}

provider "aws" {
  region = "eu-west-1"
}
