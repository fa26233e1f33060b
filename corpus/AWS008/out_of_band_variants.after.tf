# Bucket settings made by commands, not resources: S3 keeps one configuration of
# each kind per bucket, so a companion added beside the command would fight it.

provider "aws" {
  region = "eu-west-1"
}

variable "shared_bucket" {
  type    = string
  default = "team-shared"
}

locals {
  block_public = "aws s3api put-public-access-block --bucket ${aws_s3_bucket.blocked.id} --public-access-block-configuration BlockPublicAcls=true,IgnorePublicAcls=true,BlockPublicPolicy=true,RestrictPublicBuckets=true"
}

# terraform_data, the bucket through self.input
resource "aws_s3_bucket" "versioned" {
  bucket = "oob-versioned"
}

resource "aws_s3_bucket_public_access_block" "versioned" {
  bucket = aws_s3_bucket.versioned.id

  block_public_acls       = true
  block_public_policy     = true
  ignore_public_acls      = true
  restrict_public_buckets = true
}

resource "aws_s3_bucket_server_side_encryption_configuration" "versioned" {
  bucket = aws_s3_bucket.versioned.id

  rule {
    apply_server_side_encryption_by_default {
      sse_algorithm = "aws:kms"
    }
    bucket_key_enabled = true
  }
}

resource "terraform_data" "versioning" {
  input = aws_s3_bucket.versioned.id

  provisioner "local-exec" {
    command = "aws s3api put-bucket-versioning --bucket ${self.input} --versioning-configuration Status=Enabled"
  }
}

# an environment variable, in a heredoc with several commands
resource "aws_s3_bucket" "encrypted" {
  bucket = "oob-encrypted"
}

resource "aws_s3_bucket_public_access_block" "encrypted" {
  bucket = aws_s3_bucket.encrypted.id

  block_public_acls       = true
  block_public_policy     = true
  ignore_public_acls      = true
  restrict_public_buckets = true
}

resource "aws_s3_bucket_versioning" "encrypted" {
  bucket = aws_s3_bucket.encrypted.id

  versioning_configuration {
    status = "Enabled"
  }
}

resource "aws_s3_bucket_lifecycle_configuration" "encrypted" {
  bucket = aws_s3_bucket.encrypted.id

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

  depends_on = [aws_s3_bucket_versioning.encrypted]
}

resource "null_resource" "encryption" {
  triggers = {
    bucket = aws_s3_bucket.encrypted.bucket
  }

  provisioner "local-exec" {
    command = <<-EOT
      set -e
      aws s3api put-bucket-encryption \
        --bucket "$BUCKET" \
        --server-side-encryption-configuration file://sse.json
    EOT
    environment = {
      BUCKET = self.triggers.bucket
    }
  }
}

# the command kept in a local
resource "aws_s3_bucket" "blocked" {
  bucket = "oob-blocked"
}

resource "aws_s3_bucket_versioning" "blocked" {
  bucket = aws_s3_bucket.blocked.id

  versioning_configuration {
    status = "Enabled"
  }
}

resource "aws_s3_bucket_server_side_encryption_configuration" "blocked" {
  bucket = aws_s3_bucket.blocked.id

  rule {
    apply_server_side_encryption_by_default {
      sse_algorithm = "aws:kms"
    }
    bucket_key_enabled = true
  }
}

resource "aws_s3_bucket_lifecycle_configuration" "blocked" {
  bucket = aws_s3_bucket.blocked.id

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

  depends_on = [aws_s3_bucket_versioning.blocked]
}

resource "null_resource" "block_public" {
  provisioner "local-exec" {
    command = local.block_public
  }
}

# boto3 sets the policy: possibly public, so no public access block and SSE-S3
resource "aws_s3_bucket" "policy" {
  # checkov:skip=CKV_AWS_145:AES256 on purpose: the bucket may be public (its bucket policy is set outside Terraform by `put_bucket_policy` in the local-exec provisioner of null_resource.policy, and its content is not shown), and outside readers cannot decrypt SSE-KMS objects (tffix AWS008)
  bucket = "oob-policy"
}

resource "aws_s3_bucket_versioning" "policy" {
  bucket = aws_s3_bucket.policy.id

  versioning_configuration {
    status = "Enabled"
  }
}

resource "aws_s3_bucket_server_side_encryption_configuration" "policy" {
  bucket = aws_s3_bucket.policy.id

  rule {
    apply_server_side_encryption_by_default {
      sse_algorithm = "AES256"
    }
  }
}

resource "aws_s3_bucket_lifecycle_configuration" "policy" {
  bucket = aws_s3_bucket.policy.id

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

  depends_on = [aws_s3_bucket_versioning.policy]
}

resource "null_resource" "policy" {
  provisioner "local-exec" {
    interpreter = ["python3", "-c"]
    command     = "import boto3, json; boto3.client('s3').put_bucket_policy(Bucket='${aws_s3_bucket.policy.id}', Policy=open('policy.json').read())"
  }
}

# a provisioner of the bucket itself
resource "aws_s3_bucket" "self_lifecycle" {
  bucket = "oob-self-lifecycle"

  provisioner "local-exec" {
    command = "aws s3api put-bucket-lifecycle-configuration --bucket ${self.id} --lifecycle-configuration file://lifecycle.json"
  }
}

resource "aws_s3_bucket_public_access_block" "self_lifecycle" {
  bucket = aws_s3_bucket.self_lifecycle.id

  block_public_acls       = true
  block_public_policy     = true
  ignore_public_acls      = true
  restrict_public_buckets = true
}

resource "aws_s3_bucket_server_side_encryption_configuration" "self_lifecycle" {
  bucket = aws_s3_bucket.self_lifecycle.id

  rule {
    apply_server_side_encryption_by_default {
      sse_algorithm = "aws:kms"
    }
    bucket_key_enabled = true
  }
}

# one command per bucket instance
resource "aws_s3_bucket" "each" {
  for_each = toset(["one", "two"])

  bucket = "oob-each-${each.key}"
}

resource "aws_s3_bucket_public_access_block" "each" {
  for_each = aws_s3_bucket.each

  bucket = aws_s3_bucket.each[each.key].id

  block_public_acls       = true
  block_public_policy     = true
  ignore_public_acls      = true
  restrict_public_buckets = true
}

resource "aws_s3_bucket_server_side_encryption_configuration" "each" {
  for_each = aws_s3_bucket.each

  bucket = aws_s3_bucket.each[each.key].id

  rule {
    apply_server_side_encryption_by_default {
      sse_algorithm = "aws:kms"
    }
    bucket_key_enabled = true
  }
}

resource "null_resource" "each_lifecycle" {
  for_each = aws_s3_bucket.each

  provisioner "local-exec" {
    command = "aws s3api put-bucket-lifecycle-configuration --bucket ${each.value.id} --lifecycle-configuration file://lifecycle.json"
  }
}

# commands for other buckets, and one whose bucket the module does not show
resource "aws_s3_bucket" "other" {
  bucket = "oob-other"
}

resource "aws_s3_bucket_public_access_block" "other" {
  bucket = aws_s3_bucket.other.id

  block_public_acls       = true
  block_public_policy     = true
  ignore_public_acls      = true
  restrict_public_buckets = true
}

resource "aws_s3_bucket_versioning" "other" {
  bucket = aws_s3_bucket.other.id

  versioning_configuration {
    status = "Enabled"
  }
}

resource "aws_s3_bucket_server_side_encryption_configuration" "other" {
  bucket = aws_s3_bucket.other.id

  rule {
    apply_server_side_encryption_by_default {
      sse_algorithm = "aws:kms"
    }
    bucket_key_enabled = true
  }
}

resource "aws_s3_bucket_lifecycle_configuration" "other" {
  bucket = aws_s3_bucket.other.id

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

  depends_on = [aws_s3_bucket_versioning.other]
}

resource "null_resource" "elsewhere" {
  provisioner "local-exec" {
    command = "aws s3api put-bucket-versioning --bucket some-other-bucket --versioning-configuration Status=Enabled && aws s3control put-public-access-block --account-id 123456789012 --public-access-block-configuration BlockPublicAcls=true"
  }
}

resource "null_resource" "caller_bucket" {
  provisioner "local-exec" {
    command = "aws s3api put-bucket-encryption --bucket ${var.shared_bucket} --server-side-encryption-configuration file://sse.json"
  }
}

# server access logs of one bucket delivered to another by a command
resource "aws_s3_bucket" "source" {
  bucket = "oob-source"
}

resource "aws_s3_bucket_public_access_block" "source" {
  bucket = aws_s3_bucket.source.id

  block_public_acls       = true
  block_public_policy     = true
  ignore_public_acls      = true
  restrict_public_buckets = true
}

resource "aws_s3_bucket_versioning" "source" {
  bucket = aws_s3_bucket.source.id

  versioning_configuration {
    status = "Enabled"
  }
}

resource "aws_s3_bucket_server_side_encryption_configuration" "source" {
  bucket = aws_s3_bucket.source.id

  rule {
    apply_server_side_encryption_by_default {
      sse_algorithm = "aws:kms"
    }
    bucket_key_enabled = true
  }
}

resource "aws_s3_bucket_lifecycle_configuration" "source" {
  bucket = aws_s3_bucket.source.id

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

  depends_on = [aws_s3_bucket_versioning.source]
}

resource "aws_s3_bucket" "access_logs" {
  # checkov:skip=CKV_AWS_145:AES256 on purpose: target of server access logs set by a command, SSE-S3 only (tffix AWS008)
  bucket = "oob-access-logs"
}

resource "aws_s3_bucket_public_access_block" "access_logs" {
  bucket = aws_s3_bucket.access_logs.id

  block_public_acls       = true
  block_public_policy     = true
  ignore_public_acls      = true
  restrict_public_buckets = true
}

resource "aws_s3_bucket_versioning" "access_logs" {
  bucket = aws_s3_bucket.access_logs.id

  versioning_configuration {
    status = "Enabled"
  }
}

resource "aws_s3_bucket_server_side_encryption_configuration" "access_logs" {
  bucket = aws_s3_bucket.access_logs.id

  rule {
    apply_server_side_encryption_by_default {
      sse_algorithm = "AES256"
    }
  }
}

resource "aws_s3_bucket_lifecycle_configuration" "access_logs" {
  bucket = aws_s3_bucket.access_logs.id

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

  depends_on = [aws_s3_bucket_versioning.access_logs]
}

resource "null_resource" "logging" {
  provisioner "local-exec" {
    command = "aws s3api put-bucket-logging --bucket ${aws_s3_bucket.source.id} --bucket-logging-status '{\"LoggingEnabled\":{\"TargetBucket\":\"${aws_s3_bucket.access_logs.id}\",\"TargetPrefix\":\"source/\"}}'"
  }
}
