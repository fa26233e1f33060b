# A deployment: it configures its provider.
provider "aws" {
  region = "eu-west-1"
}

variable "grantee_group" {
  description = "URI of the group the shared bucket grants READ to"
  type        = string
}

# Which group the grant names is the caller's: possibly everyone.
resource "aws_s3_bucket" "shared" {
  # checkov:skip=CKV_AWS_145:AES256 on purpose: the bucket may be public (a grant of aws_s3_bucket_acl.shared names the grantee group var.grantee_group), and outside readers cannot decrypt SSE-KMS objects (tffix AWS008)
  bucket = "acme-shared-reports"
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

  access_control_policy {
    grant {
      grantee {
        type = "Group"
        uri  = var.grantee_group
      }
      permission = "READ"
    }

    owner {
      id = data.aws_canonical_user_id.current.id
    }
  }
}

data "aws_canonical_user_id" "current" {}

# A lifecycle configuration that may apply to this bucket (named by a module that was
# given the bucket) expires objects: versioning would keep them.
resource "aws_s3_bucket" "staging" {
  bucket = "acme-staging"
}

module "retention" {
  source = "./retention"
  bucket = aws_s3_bucket.staging.bucket
}

resource "aws_s3_bucket_lifecycle_configuration" "cleanup" {
  bucket = module.retention.bucket

  rule {
    id     = "cleanup"
    status = "Enabled"

    filter {}

    expiration {
      days = 3
    }
  }
}
