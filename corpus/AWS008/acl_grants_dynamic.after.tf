# A deployment: it configures its provider.
provider "aws" {
  region = "eu-west-1"
}

variable "public_permissions" {
  description = "What anyone on the internet may do with the downloads bucket"
  type        = set(string)
  default     = ["READ"]
}

resource "aws_s3_bucket" "downloads" {
  # checkov:skip=CKV_AWS_145:AES256 on purpose: the bucket is public on purpose (its ACL grants access to the AllUsers group), and outside readers cannot decrypt SSE-KMS objects (tffix AWS008)
  bucket = "example-downloads"
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

resource "aws_s3_bucket_acl" "downloads" {
  bucket = "example-downloads"

  access_control_policy {
    dynamic "grant" {
      for_each = var.public_permissions
      content {
        grantee {
          type = "Group"
          uri  = "http://acs.amazonaws.com/groups/global/AllUsers"
        }
        permission = grant.value
      }
    }

    owner {
      id = var.owner_canonical_id
    }
  }
}

resource "aws_s3_bucket" "legacy" {
  # checkov:skip=CKV_AWS_145:AES256 on purpose: the bucket is public on purpose (its ACL is "authenticated-read"), and outside readers cannot decrypt SSE-KMS objects (tffix AWS008)
  bucket = "example-legacy-shared"
  acl    = "authenticated-read"
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

variable "owner_canonical_id" {
  type = string
}
