# Log delivery (delivery.logs.amazonaws.com) writes with SSE-KMS only under a
# customer managed key whose policy lets it in: the AWS managed key aws/s3,
# named by alias, alias ARN or a variable's default, admits principals of the
# account only. Such a destination is reported, not called fine.
variable "log_key" {
  type    = string
  default = "alias/aws/s3"
}

resource "aws_s3_bucket" "flow" {
  bucket = "acme-flow-logs"
}

resource "aws_s3_bucket_public_access_block" "flow" {
  bucket = aws_s3_bucket.flow.id

  block_public_acls       = true
  block_public_policy     = true
  ignore_public_acls      = true
  restrict_public_buckets = true
}

resource "aws_s3_bucket_versioning" "flow" {
  bucket = aws_s3_bucket.flow.id

  versioning_configuration {
    status = "Enabled"
  }
}

resource "aws_s3_bucket_lifecycle_configuration" "flow" {
  bucket = aws_s3_bucket.flow.id

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

  depends_on = [aws_s3_bucket_versioning.flow]
}

resource "aws_s3_bucket_server_side_encryption_configuration" "flow" {
  bucket = aws_s3_bucket.flow.id

  rule {
    apply_server_side_encryption_by_default {
      kms_master_key_id = "aws/s3"
      sse_algorithm     = "aws:kms"
    }
  }
}

resource "aws_flow_log" "vpc" {
  vpc_id               = "vpc-0123456789abcdef0"
  traffic_type         = "ALL"
  log_destination_type = "s3"
  log_destination      = aws_s3_bucket.flow.arn
}

resource "aws_s3_bucket" "firewall" {
  bucket = "acme-firewall-logs"
}

resource "aws_s3_bucket_public_access_block" "firewall" {
  bucket = aws_s3_bucket.firewall.id

  block_public_acls       = true
  block_public_policy     = true
  ignore_public_acls      = true
  restrict_public_buckets = true
}

resource "aws_s3_bucket_versioning" "firewall" {
  bucket = aws_s3_bucket.firewall.id

  versioning_configuration {
    status = "Enabled"
  }
}

resource "aws_s3_bucket_lifecycle_configuration" "firewall" {
  bucket = aws_s3_bucket.firewall.id

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

  depends_on = [aws_s3_bucket_versioning.firewall]
}

resource "aws_s3_bucket_server_side_encryption_configuration" "firewall" {
  bucket = aws_s3_bucket.firewall.id

  rule {
    apply_server_side_encryption_by_default {
      kms_master_key_id = var.log_key
      sse_algorithm     = "aws:kms"
    }
  }
}

resource "aws_networkfirewall_logging_configuration" "main" {
  firewall_arn = "arn:aws:network-firewall:eu-west-1:111122223333:firewall/main"

  logging_configuration {
    log_destination_config {
      log_destination = {
        bucketName = aws_s3_bucket.firewall.bucket
      }
      log_destination_type = "S3"
      log_type             = "FLOW"
    }
  }
}

provider "aws" {
  region = "eu-west-1"
}
