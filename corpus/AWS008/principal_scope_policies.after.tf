# Buckets shared with an organization or with other accounts through
# Principal "*" and a condition on the principal (aws:PrincipalOrgID,
# aws:PrincipalAccount, aws:PrincipalArn). S3 does not count those keys among
# the ones that make a policy non-public, so Block Public Access treats the
# policy as public: a public access block would cut the other accounts off.
# A condition on aws:SourceVpce is non-public: that bucket gets the block.
provider "aws" {
  region = "eu-west-1"
}

resource "aws_s3_bucket" "org" {
  # checkov:skip=CKV_AWS_145:AES256 on purpose: the bucket may be public (its policy (aws_s3_bucket_policy.org) grants Principal "*" limited by aws:PrincipalOrgID, a key S3 does not count among those that make a policy non-public, so Block Public Access treats it as public: RestrictPublicBuckets would shut out the other accounts it shares the bucket with, and BlockPublicPolicy would refuse the next change of the policy; to block public access, name the accounts as principals first), and outside readers cannot decrypt SSE-KMS objects (tffix AWS008)
  bucket = "org-shared-artifacts-123"
}

resource "aws_s3_bucket_versioning" "org" {
  bucket = aws_s3_bucket.org.id

  versioning_configuration {
    status = "Enabled"
  }
}

resource "aws_s3_bucket_server_side_encryption_configuration" "org" {
  bucket = aws_s3_bucket.org.id

  rule {
    apply_server_side_encryption_by_default {
      sse_algorithm = "AES256"
    }
  }
}

resource "aws_s3_bucket_lifecycle_configuration" "org" {
  bucket = aws_s3_bucket.org.id

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

  depends_on = [aws_s3_bucket_versioning.org]
}

resource "aws_s3_bucket_policy" "org" {
  bucket = aws_s3_bucket.org.id
  policy = jsonencode({
    Version = "2012-10-17"
    Statement = [{
      Sid       = "OrgRead"
      Effect    = "Allow"
      Principal = "*"
      Action    = ["s3:GetObject"]
      Resource  = "${aws_s3_bucket.org.arn}/*"
      Condition = { StringEquals = { "aws:PrincipalOrgID" = "o-abc123" } }
    }]
  })
}

resource "aws_s3_bucket" "accounts" {
  # checkov:skip=CKV_AWS_145:AES256 on purpose: the bucket may be public (its policy (aws_s3_bucket_policy.accounts) grants Principal "*" limited by aws:PrincipalAccount, a key S3 does not count among those that make a policy non-public, so Block Public Access treats it as public: RestrictPublicBuckets would shut out the other accounts it shares the bucket with, and BlockPublicPolicy would refuse the next change of the policy; to block public access, name the accounts as principals first), and outside readers cannot decrypt SSE-KMS objects (tffix AWS008)
  bucket = "partner-drop-123"
}

resource "aws_s3_bucket_versioning" "accounts" {
  bucket = aws_s3_bucket.accounts.id

  versioning_configuration {
    status = "Enabled"
  }
}

resource "aws_s3_bucket_server_side_encryption_configuration" "accounts" {
  bucket = aws_s3_bucket.accounts.id

  rule {
    apply_server_side_encryption_by_default {
      sse_algorithm = "AES256"
    }
  }
}

resource "aws_s3_bucket_lifecycle_configuration" "accounts" {
  bucket = aws_s3_bucket.accounts.id

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

  depends_on = [aws_s3_bucket_versioning.accounts]
}

data "aws_iam_policy_document" "accounts" {
  statement {
    actions   = ["s3:PutObject"]
    resources = ["${aws_s3_bucket.accounts.arn}/*"]

    principals {
      type        = "*"
      identifiers = ["*"]
    }

    condition {
      test     = "StringEquals"
      variable = "aws:PrincipalAccount"
      values   = ["111122223333", "444455556666"]
    }
  }
}

resource "aws_s3_bucket_policy" "accounts" {
  bucket = aws_s3_bucket.accounts.id
  policy = data.aws_iam_policy_document.accounts.json
}

resource "aws_s3_bucket" "endpoint" {
  # checkov:skip=CKV_AWS_145:AES256 on purpose: aws_s3_bucket_policy.endpoint allows the principal * (limited by conditions), and requests from other accounts or without credentials cannot use a KMS key (tffix AWS008)
  bucket = "endpoint-only-123"
}

resource "aws_s3_bucket_public_access_block" "endpoint" {
  bucket = aws_s3_bucket.endpoint.id

  block_public_acls       = true
  block_public_policy     = true
  ignore_public_acls      = true
  restrict_public_buckets = true

  depends_on = [aws_s3_bucket_policy.endpoint]
}

resource "aws_s3_bucket_versioning" "endpoint" {
  bucket = aws_s3_bucket.endpoint.id

  versioning_configuration {
    status = "Enabled"
  }
}

resource "aws_s3_bucket_server_side_encryption_configuration" "endpoint" {
  bucket = aws_s3_bucket.endpoint.id

  rule {
    apply_server_side_encryption_by_default {
      sse_algorithm = "AES256"
    }
  }
}

resource "aws_s3_bucket_lifecycle_configuration" "endpoint" {
  bucket = aws_s3_bucket.endpoint.id

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

  depends_on = [aws_s3_bucket_versioning.endpoint]
}

resource "aws_s3_bucket_policy" "endpoint" {
  bucket = aws_s3_bucket.endpoint.id
  policy = jsonencode({
    Version = "2012-10-17"
    Statement = [{
      Effect    = "Allow"
      Principal = "*"
      Action    = ["s3:GetObject"]
      Resource  = "${aws_s3_bucket.endpoint.arn}/*"
      Condition = { StringEquals = { "aws:SourceVpce" = "vpce-0abc" } }
    }]
  })
}
