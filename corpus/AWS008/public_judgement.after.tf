# A deployment: it configures its provider.
provider "aws" {
  region = "eu-west-1"
}

variable "acl" {
  description = "Canned ACL of the shared bucket"
  type        = string
  default     = "private"
}

locals {
  downloads_acl = "public-read"
}

# The ACL is the caller's choice: a public access block could break what they pass.
resource "aws_s3_bucket" "shared" {
  # checkov:skip=CKV_AWS_145:AES256 on purpose: the bucket may be public (its ACL (aws_s3_bucket_acl.shared) comes from the module input var.acl (default "private"), which callers may set to a public ACL), and outside readers cannot decrypt SSE-KMS objects (tffix AWS008)
  bucket = "acme-shared"
}

resource "aws_s3_bucket_versioning" "shared" {
  bucket = aws_s3_bucket.shared.id

  versioning_configuration {
    status = "Enabled"
  }
}

resource "aws_s3_bucket_server_side_encryption_configuration" "shared" {
  bucket = aws_s3_bucket.shared.id

  rule {
    apply_server_side_encryption_by_default {
      sse_algorithm = "AES256"
    }
  }
}

resource "aws_s3_bucket_lifecycle_configuration" "shared" {
  bucket = aws_s3_bucket.shared.id

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

  depends_on = [aws_s3_bucket_versioning.shared]
}

resource "aws_s3_bucket_acl" "shared" {
  bucket = aws_s3_bucket.shared.id
  acl    = var.acl
}

# A local that is public.
resource "aws_s3_bucket" "downloads" {
  # checkov:skip=CKV_AWS_145:AES256 on purpose: the bucket is public on purpose (its ACL is "public-read" (from local.downloads_acl)), and outside readers cannot decrypt SSE-KMS objects (tffix AWS008)
  bucket = "acme-downloads"
  acl    = local.downloads_acl
}

resource "aws_s3_bucket_versioning" "downloads" {
  bucket = aws_s3_bucket.downloads.id

  versioning_configuration {
    status = "Enabled"
  }
}

resource "aws_s3_bucket_server_side_encryption_configuration" "downloads" {
  bucket = aws_s3_bucket.downloads.id

  rule {
    apply_server_side_encryption_by_default {
      sse_algorithm = "AES256"
    }
  }
}

resource "aws_s3_bucket_lifecycle_configuration" "downloads" {
  bucket = aws_s3_bucket.downloads.id

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

  depends_on = [aws_s3_bucket_versioning.downloads]
}

# Deny-only TLS guard: the opposite of public.
resource "aws_s3_bucket" "secure" {
  bucket = "acme-secure"
}

resource "aws_s3_bucket_public_access_block" "secure" {
  bucket = aws_s3_bucket.secure.id

  block_public_acls       = true
  block_public_policy     = true
  ignore_public_acls      = true
  restrict_public_buckets = true

  depends_on = [aws_s3_bucket_policy.secure]
}

resource "aws_s3_bucket_versioning" "secure" {
  bucket = aws_s3_bucket.secure.id

  versioning_configuration {
    status = "Enabled"
  }
}

resource "aws_s3_bucket_server_side_encryption_configuration" "secure" {
  bucket = aws_s3_bucket.secure.id

  rule {
    apply_server_side_encryption_by_default {
      sse_algorithm = "aws:kms"
    }
    bucket_key_enabled = true
  }
}

resource "aws_s3_bucket_lifecycle_configuration" "secure" {
  bucket = aws_s3_bucket.secure.id

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

  depends_on = [aws_s3_bucket_versioning.secure]
}

resource "aws_s3_bucket_policy" "secure" {
  bucket = aws_s3_bucket.secure.id
  policy = jsonencode({
    Version = "2012-10-17"
    Statement = [{
      Sid       = "DenyInsecureTransport"
      Effect    = "Deny"
      Principal = "*"
      Action    = "s3:*"
      Resource  = [aws_s3_bucket.secure.arn, "${aws_s3_bucket.secure.arn}/*"]
      Condition = { Bool = { "aws:SecureTransport" = "false" } }
    }]
  })
}

# Allow-to-everyone pinned to a VPC endpoint: S3 does not count it as public.
resource "aws_s3_bucket" "internal" {
  # checkov:skip=CKV_AWS_145:AES256 on purpose: aws_s3_bucket_policy.internal allows the principal * (limited by conditions), and requests from other accounts or without credentials cannot use a KMS key (tffix AWS008)
  bucket = "acme-internal"
}

resource "aws_s3_bucket_public_access_block" "internal" {
  bucket = aws_s3_bucket.internal.id

  block_public_acls       = true
  block_public_policy     = true
  ignore_public_acls      = true
  restrict_public_buckets = true

  depends_on = [aws_s3_bucket_policy.internal]
}

resource "aws_s3_bucket_versioning" "internal" {
  bucket = aws_s3_bucket.internal.id

  versioning_configuration {
    status = "Enabled"
  }
}

resource "aws_s3_bucket_server_side_encryption_configuration" "internal" {
  bucket = aws_s3_bucket.internal.id

  rule {
    apply_server_side_encryption_by_default {
      sse_algorithm = "AES256"
    }
  }
}

resource "aws_s3_bucket_lifecycle_configuration" "internal" {
  bucket = aws_s3_bucket.internal.id

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

  depends_on = [aws_s3_bucket_versioning.internal]
}

data "aws_iam_policy_document" "internal" {
  statement {
    actions   = ["s3:GetObject"]
    resources = ["${aws_s3_bucket.internal.arn}/*"]

    principals {
      type        = "*"
      identifiers = ["*"]
    }

    condition {
      test     = "StringEquals"
      variable = "aws:SourceVpce"
      values   = ["vpce-1a2b3c4d"]
    }
  }
}

resource "aws_s3_bucket_policy" "internal" {
  bucket = aws_s3_bucket.internal.id
  policy = data.aws_iam_policy_document.internal.json
}

variable "legacy_policy" {
  description = "Bucket policy of the legacy bucket, as JSON"
  type        = string
}

# A policy given by the caller: what it allows is not shown here.
resource "aws_s3_bucket" "legacy" {
  # checkov:skip=CKV_AWS_145:AES256 on purpose: the bucket may be public (its policy comes from var.legacy_policy, which the module does not show), and outside readers cannot decrypt SSE-KMS objects (tffix AWS008)
  bucket = "acme-legacy"
  policy = var.legacy_policy
}

resource "aws_s3_bucket_versioning" "legacy" {
  bucket = aws_s3_bucket.legacy.id

  versioning_configuration {
    status = "Enabled"
  }
}

resource "aws_s3_bucket_server_side_encryption_configuration" "legacy" {
  bucket = aws_s3_bucket.legacy.id

  rule {
    apply_server_side_encryption_by_default {
      sse_algorithm = "AES256"
    }
  }
}

resource "aws_s3_bucket_lifecycle_configuration" "legacy" {
  bucket = aws_s3_bucket.legacy.id

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

  depends_on = [aws_s3_bucket_versioning.legacy]
}
