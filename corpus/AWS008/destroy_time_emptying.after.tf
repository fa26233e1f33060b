# Buckets the module empties with a command before Terraform deletes them. On a
# versioned bucket those commands delete only the current versions (S3 writes
# delete markers), so DeleteBucket would fail with BucketNotEmpty: no
# versioning there, a finding instead. force_destroy, a command that deletes
# versions too, or one that runs at create time leave versioning addable.
provider "aws" {
  region = "eu-west-1"
}

resource "aws_s3_bucket" "assets" {
  bucket = "assets-example-1234"
}

resource "aws_s3_bucket_public_access_block" "assets" {
  bucket = aws_s3_bucket.assets.id

  block_public_acls       = true
  block_public_policy     = true
  ignore_public_acls      = true
  restrict_public_buckets = true
}

resource "aws_s3_bucket_server_side_encryption_configuration" "assets" {
  bucket = aws_s3_bucket.assets.id

  rule {
    apply_server_side_encryption_by_default {
      sse_algorithm = "aws:kms"
    }
    bucket_key_enabled = true
  }
}

resource "null_resource" "assets_empty" {
  triggers = {
    bucket = aws_s3_bucket.assets.bucket
  }

  provisioner "local-exec" {
    when    = destroy
    command = "aws s3 rm s3://${self.triggers.bucket} --recursive"
  }
}

resource "aws_s3_bucket" "removed" {
  bucket = "removed-example-1234"
}

resource "aws_s3_bucket_public_access_block" "removed" {
  bucket = aws_s3_bucket.removed.id

  block_public_acls       = true
  block_public_policy     = true
  ignore_public_acls      = true
  restrict_public_buckets = true
}

resource "aws_s3_bucket_server_side_encryption_configuration" "removed" {
  bucket = aws_s3_bucket.removed.id

  rule {
    apply_server_side_encryption_by_default {
      sse_algorithm = "aws:kms"
    }
    bucket_key_enabled = true
  }
}

resource "terraform_data" "removed_empty" {
  input = aws_s3_bucket.removed.id

  provisioner "local-exec" {
    when    = destroy
    command = "aws s3 rb s3://${self.input} --force"
  }
}

resource "aws_s3_bucket" "python" {
  bucket = "python-example-1234"
}

resource "aws_s3_bucket_public_access_block" "python" {
  bucket = aws_s3_bucket.python.id

  block_public_acls       = true
  block_public_policy     = true
  ignore_public_acls      = true
  restrict_public_buckets = true
}

resource "aws_s3_bucket_server_side_encryption_configuration" "python" {
  bucket = aws_s3_bucket.python.id

  rule {
    apply_server_side_encryption_by_default {
      sse_algorithm = "aws:kms"
    }
    bucket_key_enabled = true
  }
}

resource "terraform_data" "python_empty" {
  input = aws_s3_bucket.python.id

  provisioner "local-exec" {
    when    = destroy
    command = "python3 -c \"import boto3; boto3.resource('s3').Bucket('${self.input}').objects.all().delete()\""
  }
}

resource "aws_s3_bucket" "forced" {
  bucket        = "forced-example-1234"
  force_destroy = true
}

resource "aws_s3_bucket_public_access_block" "forced" {
  bucket = aws_s3_bucket.forced.id

  block_public_acls       = true
  block_public_policy     = true
  ignore_public_acls      = true
  restrict_public_buckets = true
}

resource "aws_s3_bucket_versioning" "forced" {
  bucket = aws_s3_bucket.forced.id

  versioning_configuration {
    status = "Enabled"
  }
}

resource "aws_s3_bucket_server_side_encryption_configuration" "forced" {
  bucket = aws_s3_bucket.forced.id

  rule {
    apply_server_side_encryption_by_default {
      sse_algorithm = "aws:kms"
    }
    bucket_key_enabled = true
  }
}

resource "aws_s3_bucket_lifecycle_configuration" "forced" {
  bucket = aws_s3_bucket.forced.id

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

  depends_on = [aws_s3_bucket_versioning.forced]
}

resource "null_resource" "forced_empty" {
  triggers = {
    bucket = aws_s3_bucket.forced.bucket
  }

  provisioner "local-exec" {
    when    = destroy
    command = "aws s3 rm s3://${self.triggers.bucket} --recursive"
  }
}

resource "aws_s3_bucket" "versions" {
  bucket = "versions-example-1234"
}

resource "aws_s3_bucket_public_access_block" "versions" {
  bucket = aws_s3_bucket.versions.id

  block_public_acls       = true
  block_public_policy     = true
  ignore_public_acls      = true
  restrict_public_buckets = true
}

resource "aws_s3_bucket_versioning" "versions" {
  bucket = aws_s3_bucket.versions.id

  versioning_configuration {
    status = "Enabled"
  }
}

resource "aws_s3_bucket_server_side_encryption_configuration" "versions" {
  bucket = aws_s3_bucket.versions.id

  rule {
    apply_server_side_encryption_by_default {
      sse_algorithm = "aws:kms"
    }
    bucket_key_enabled = true
  }
}

resource "aws_s3_bucket_lifecycle_configuration" "versions" {
  bucket = aws_s3_bucket.versions.id

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

  depends_on = [aws_s3_bucket_versioning.versions]
}

resource "terraform_data" "versions_empty" {
  input = aws_s3_bucket.versions.id

  provisioner "local-exec" {
    when    = destroy
    command = "python3 -c \"import boto3; boto3.resource('s3').Bucket('${self.input}').object_versions.delete()\""
  }
}

resource "aws_s3_bucket" "cleared" {
  bucket = "cleared-example-1234"
}

resource "aws_s3_bucket_public_access_block" "cleared" {
  bucket = aws_s3_bucket.cleared.id

  block_public_acls       = true
  block_public_policy     = true
  ignore_public_acls      = true
  restrict_public_buckets = true
}

resource "aws_s3_bucket_versioning" "cleared" {
  bucket = aws_s3_bucket.cleared.id

  versioning_configuration {
    status = "Enabled"
  }
}

resource "aws_s3_bucket_server_side_encryption_configuration" "cleared" {
  bucket = aws_s3_bucket.cleared.id

  rule {
    apply_server_side_encryption_by_default {
      sse_algorithm = "aws:kms"
    }
    bucket_key_enabled = true
  }
}

resource "aws_s3_bucket_lifecycle_configuration" "cleared" {
  bucket = aws_s3_bucket.cleared.id

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

  depends_on = [aws_s3_bucket_versioning.cleared]
}

resource "null_resource" "cleared_on_create" {
  triggers = {
    bucket = aws_s3_bucket.cleared.bucket
  }

  provisioner "local-exec" {
    command = "aws s3 rm s3://${self.triggers.bucket} --recursive"
  }
}
