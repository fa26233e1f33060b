provider "aws" {
  region = "eu-west-1"
}

provider "aws" {
  alias  = "replica"
  region = "eu-central-1"
}

data "aws_caller_identity" "current" {}

# Made for CloudTrail: not a key for anything else.
resource "aws_kms_key" "trail" {
  description         = "CloudTrail log files"
  enable_key_rotation = true
}

resource "aws_cloudtrail" "main" {
  name           = "main"
  s3_bucket_name = "acme-org-trail"
  kms_key_id     = aws_kms_key.trail.arn
}

# In another region: S3 cannot use it for a bucket of the default provider.
resource "aws_kms_key" "replica" {
  provider            = aws.replica
  enable_key_rotation = true
  policy              = data.aws_iam_policy_document.general_replica.json
}

# General: every principal of the account may use it through S3.
resource "aws_kms_key" "data" {
  enable_key_rotation = true
  policy              = data.aws_iam_policy_document.general.json
}

data "aws_iam_policy_document" "general" {
  statement {
    sid       = "Account"
    actions   = ["kms:*"]
    resources = ["*"]

    principals {
      type        = "AWS"
      identifiers = ["arn:aws:iam::${data.aws_caller_identity.current.account_id}:root"]
    }
  }

  statement {
    sid       = "ThroughS3"
    actions   = ["kms:Encrypt", "kms:Decrypt", "kms:ReEncrypt*", "kms:GenerateDataKey*"]
    resources = ["*"]

    principals {
      type        = "AWS"
      identifiers = ["*"]
    }

    condition {
      test     = "StringEquals"
      variable = "kms:ViaService"
      values   = ["s3.eu-west-1.amazonaws.com"]
    }
  }
}

data "aws_iam_policy_document" "general_replica" {
  statement {
    sid       = "Account"
    actions   = ["kms:*"]
    resources = ["*"]

    principals {
      type        = "AWS"
      identifiers = ["arn:aws:iam::${data.aws_caller_identity.current.account_id}:root"]
    }
  }

  statement {
    sid       = "ThroughS3"
    actions   = ["kms:Encrypt", "kms:Decrypt", "kms:ReEncrypt*", "kms:GenerateDataKey*"]
    resources = ["*"]

    principals {
      type        = "AWS"
      identifiers = ["*"]
    }

    condition {
      test     = "StringEquals"
      variable = "kms:ViaService"
      values   = ["s3.eu-central-1.amazonaws.com"]
    }
  }
}

resource "aws_s3_bucket" "reports" {
  bucket = "acme-reports"
}

resource "aws_s3_bucket" "reports_replica" {
  provider = aws.replica
  bucket   = "acme-reports-replica"
}
