# Firehose writes with its role: the key leaves its use to IAM (default key policy), and
# the role's policy allows kms:GenerateDataKey and kms:Decrypt, so the key can be used.
resource "aws_kms_key" "data" {
  description = "events"
}

resource "aws_iam_role" "firehose" {
  name               = "firehose"
  assume_role_policy = data.aws_iam_policy_document.firehose_trust.json
}

resource "aws_iam_role_policy" "firehose" {
  role = aws_iam_role.firehose.id
  policy = jsonencode({
    Version = "2012-10-17"
    Statement = [{
      Effect   = "Allow"
      Action   = ["kms:GenerateDataKey", "kms:Decrypt"]
      Resource = "*"
    }]
  })
}

resource "aws_s3_bucket" "events" {
  bucket = "acme-events"
}

resource "aws_kinesis_firehose_delivery_stream" "events" {
  name        = "events"
  destination = "extended_s3"

  extended_s3_configuration {
    role_arn   = aws_iam_role.firehose.arn
    bucket_arn = aws_s3_bucket.events.arn
  }
}

data "aws_iam_policy_document" "firehose_trust" {
  statement {
    actions = ["sts:AssumeRole"]

    principals {
      type        = "Service"
      identifiers = ["firehose.amazonaws.com"]
    }
  }
}

provider "aws" {
  region = "eu-west-1"
}
