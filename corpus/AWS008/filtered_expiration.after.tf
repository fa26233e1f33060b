# Lifecycle rules that expire objects under a prefix or with a tag act on that
# subset only: versioning needs a rule expiring the noncurrent versions of every
# object too (review round 7, wrong/02). A rule-level prefix (the older form)
# beside a new filter {} rule may be refused by S3: reported instead.
terraform {
  required_providers {
    aws = {
      source  = "hashicorp/aws"
      version = "~> 5.0"
    }
  }
}

provider "aws" {
  region = "eu-west-1"
}

resource "aws_s3_bucket" "data" {
  bucket = "example-data"
}

resource "aws_s3_bucket_public_access_block" "data" {
  bucket = aws_s3_bucket.data.id

  block_public_acls       = true
  block_public_policy     = true
  ignore_public_acls      = true
  restrict_public_buckets = true
}

resource "aws_s3_bucket_server_side_encryption_configuration" "data" {
  bucket = aws_s3_bucket.data.id

  rule {
    apply_server_side_encryption_by_default {
      sse_algorithm = "aws:kms"
    }
    bucket_key_enabled = true
  }
}

resource "aws_s3_bucket_lifecycle_configuration" "data" {
  bucket = aws_s3_bucket.data.id

  rule {
    id     = "tmp"
    status = "Enabled"
    prefix = "tmp/"

    expiration {
      days = 7
    }
  }

  rule {
    id     = "tagged"
    status = "Enabled"

    filter {
      tag {
        key   = "class"
        value = "scratch"
      }
    }

    expiration {
      days = 30
    }
  }
}

# Filtered rules only: each gets its noncurrent expiration, and one rule for every
# object expires the other old versions.
resource "aws_s3_bucket" "scratch" {
  bucket = "example-scratch"
}

resource "aws_s3_bucket_public_access_block" "scratch" {
  bucket = aws_s3_bucket.scratch.id

  block_public_acls       = true
  block_public_policy     = true
  ignore_public_acls      = true
  restrict_public_buckets = true
}

resource "aws_s3_bucket_versioning" "scratch" {
  bucket = aws_s3_bucket.scratch.id

  versioning_configuration {
    status = "Enabled"
  }
}

resource "aws_s3_bucket_server_side_encryption_configuration" "scratch" {
  bucket = aws_s3_bucket.scratch.id

  rule {
    apply_server_side_encryption_by_default {
      sse_algorithm = "aws:kms"
    }
    bucket_key_enabled = true
  }
}

resource "aws_s3_bucket_lifecycle_configuration" "scratch" {
  # (Kept in HCL by the JSON-split test: tffix writes no second rule into the one
  # rule object of a JSON configuration, and says so.)
  bucket = aws_s3_bucket.scratch.id

  rule {
    id     = "tmp"
    status = "Enabled"

    filter {
      prefix = "tmp/"
    }

    expiration {
      days = 7
    }

    noncurrent_version_expiration {
      noncurrent_days = 1
    }
  }

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
}

# A noncurrent expiration under a prefix leaves the rest kept forever.
resource "aws_s3_bucket" "partial" {
  bucket = "example-partial"
}

resource "aws_s3_bucket_public_access_block" "partial" {
  bucket = aws_s3_bucket.partial.id

  block_public_acls       = true
  block_public_policy     = true
  ignore_public_acls      = true
  restrict_public_buckets = true
}

resource "aws_s3_bucket_server_side_encryption_configuration" "partial" {
  bucket = aws_s3_bucket.partial.id

  rule {
    apply_server_side_encryption_by_default {
      sse_algorithm = "aws:kms"
    }
    bucket_key_enabled = true
  }
}

resource "aws_s3_bucket_lifecycle_configuration" "partial" {
  bucket = aws_s3_bucket.partial.id

  rule {
    id     = "logs"
    status = "Enabled"

    filter {
      prefix = "logs/"
    }

    noncurrent_version_expiration {
      noncurrent_days = 30
    }
  }
}

# A disabled rule for every object expires nothing.
resource "aws_s3_bucket" "disabled" {
  bucket = "example-disabled"
}

resource "aws_s3_bucket_public_access_block" "disabled" {
  bucket = aws_s3_bucket.disabled.id

  block_public_acls       = true
  block_public_policy     = true
  ignore_public_acls      = true
  restrict_public_buckets = true
}

resource "aws_s3_bucket_server_side_encryption_configuration" "disabled" {
  bucket = aws_s3_bucket.disabled.id

  rule {
    apply_server_side_encryption_by_default {
      sse_algorithm = "aws:kms"
    }
    bucket_key_enabled = true
  }
}

resource "aws_s3_bucket_lifecycle_configuration" "disabled" {
  bucket = aws_s3_bucket.disabled.id

  rule {
    id     = "all"
    status = "Disabled"

    filter {}

    noncurrent_version_expiration {
      noncurrent_days = 30
    }
  }
}

# Whole bucket (filter with an empty prefix): its own noncurrent expiration is enough.
resource "aws_s3_bucket" "whole" {
  bucket = "example-whole"
}

resource "aws_s3_bucket_public_access_block" "whole" {
  bucket = aws_s3_bucket.whole.id

  block_public_acls       = true
  block_public_policy     = true
  ignore_public_acls      = true
  restrict_public_buckets = true
}

resource "aws_s3_bucket_versioning" "whole" {
  bucket = aws_s3_bucket.whole.id

  versioning_configuration {
    status = "Enabled"
  }
}

resource "aws_s3_bucket_server_side_encryption_configuration" "whole" {
  bucket = aws_s3_bucket.whole.id

  rule {
    apply_server_side_encryption_by_default {
      sse_algorithm = "aws:kms"
    }
    bucket_key_enabled = true
  }
}

resource "aws_s3_bucket_lifecycle_configuration" "whole" {
  bucket = aws_s3_bucket.whole.id

  rule {
    id     = "all"
    status = "Enabled"

    filter {
      prefix = ""
    }

    expiration {
      days = 90
    }

    noncurrent_version_expiration {
      noncurrent_days = 1
    }
  }
}
