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
