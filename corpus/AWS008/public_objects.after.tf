provider "aws" {}

# Objects written with a public canned ACL: public on purpose, object by object.
resource "aws_s3_bucket" "assets" {
  # checkov:skip=CKV_AWS_145:AES256 on purpose: the bucket is public on purpose (aws_s3_object.logo is written to it with the ACL "public-read"), and outside readers cannot decrypt SSE-KMS objects (tffix AWS008)
  bucket = "example-assets"
}

resource "aws_s3_bucket_versioning" "assets" {
  bucket = aws_s3_bucket.assets.id

  versioning_configuration {
    status = "Enabled"
  }
}

resource "aws_s3_bucket_server_side_encryption_configuration" "assets" {
  bucket = aws_s3_bucket.assets.id

  rule {
    apply_server_side_encryption_by_default {
      sse_algorithm = "AES256"
    }
  }
}

resource "aws_s3_bucket_lifecycle_configuration" "assets" {
  bucket = aws_s3_bucket.assets.id

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

  depends_on = [aws_s3_bucket_versioning.assets]
}

resource "aws_s3_object" "logo" {
  for_each = toset(["logo.png", "favicon.ico"])
  bucket   = aws_s3_bucket.assets.id
  key      = each.key
  source   = each.key
  acl      = "public-read"
}

# An object ACL from an input: callers may make it public.
resource "aws_s3_bucket" "media" {
  # checkov:skip=CKV_AWS_145:AES256 on purpose: the bucket may be public (the ACL of aws_s3_object.clip, which may be stored in it, comes from the module input var.object_acl (default "private"), which callers may set to a public ACL), and outside readers cannot decrypt SSE-KMS objects (tffix AWS008)
  bucket = "example-media"
}

resource "aws_s3_bucket_versioning" "media" {
  bucket = aws_s3_bucket.media.id

  versioning_configuration {
    status = "Enabled"
  }
}

resource "aws_s3_bucket_server_side_encryption_configuration" "media" {
  bucket = aws_s3_bucket.media.id

  rule {
    apply_server_side_encryption_by_default {
      sse_algorithm = "AES256"
    }
  }
}

resource "aws_s3_bucket_lifecycle_configuration" "media" {
  bucket = aws_s3_bucket.media.id

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

  depends_on = [aws_s3_bucket_versioning.media]
}

variable "object_acl" {
  type    = string
  default = "private"
}

resource "aws_s3_object" "clip" {
  bucket = aws_s3_bucket.media.id
  key    = "clip.mp4"
  source = "clip.mp4"
  acl    = var.object_acl
}

# Private object ACLs: nothing public.
resource "aws_s3_bucket" "reports" {
  bucket = "example-reports"
}

resource "aws_s3_bucket_public_access_block" "reports" {
  bucket = aws_s3_bucket.reports.id

  block_public_acls       = true
  block_public_policy     = true
  ignore_public_acls      = true
  restrict_public_buckets = true
}

resource "aws_s3_bucket_versioning" "reports" {
  bucket = aws_s3_bucket.reports.id

  versioning_configuration {
    status = "Enabled"
  }
}

resource "aws_s3_bucket_server_side_encryption_configuration" "reports" {
  bucket = aws_s3_bucket.reports.id

  rule {
    apply_server_side_encryption_by_default {
      sse_algorithm = "aws:kms"
    }
    bucket_key_enabled = true
  }
}

resource "aws_s3_bucket_lifecycle_configuration" "reports" {
  bucket = aws_s3_bucket.reports.id

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

  depends_on = [aws_s3_bucket_versioning.reports]
}

resource "aws_s3_object" "report" {
  bucket = aws_s3_bucket.reports.id
  key    = "report.csv"
  source = "report.csv"
  acl    = "bucket-owner-full-control"
}

# Objects uploaded public by commands.
resource "aws_s3_bucket" "downloads" {
  # checkov:skip=CKV_AWS_145:AES256 on purpose: the bucket may be public (its objects are given a public ACL, which is set outside Terraform by `--acl public-read` in the local-exec provisioner of null_resource.publish; a public access block would refuse those uploads and make the objects private), and outside readers cannot decrypt SSE-KMS objects (tffix AWS008)
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

resource "aws_s3_bucket" "docs" {
  # checkov:skip=CKV_AWS_145:AES256 on purpose: the bucket may be public (its objects are given a public ACL, which is set outside Terraform by `uri=http://acs.amazonaws.com/groups/global/AllUsers` in the local-exec provisioner of null_resource.publish; a public access block would refuse those uploads and make the objects private), and outside readers cannot decrypt SSE-KMS objects (tffix AWS008)
  bucket = "example-docs"
}

resource "aws_s3_bucket_versioning" "docs" {
  bucket = aws_s3_bucket.docs.id

  versioning_configuration {
    status = "Enabled"
  }
}

resource "aws_s3_bucket_server_side_encryption_configuration" "docs" {
  bucket = aws_s3_bucket.docs.id

  rule {
    apply_server_side_encryption_by_default {
      sse_algorithm = "AES256"
    }
  }
}

resource "aws_s3_bucket_lifecycle_configuration" "docs" {
  bucket = aws_s3_bucket.docs.id

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

  depends_on = [aws_s3_bucket_versioning.docs]
}

resource "aws_s3_bucket" "builds" {
  bucket = "example-builds"
}

resource "aws_s3_bucket_public_access_block" "builds" {
  bucket = aws_s3_bucket.builds.id

  block_public_acls       = true
  block_public_policy     = true
  ignore_public_acls      = true
  restrict_public_buckets = true
}

resource "aws_s3_bucket_versioning" "builds" {
  bucket = aws_s3_bucket.builds.id

  versioning_configuration {
    status = "Enabled"
  }
}

resource "aws_s3_bucket_server_side_encryption_configuration" "builds" {
  bucket = aws_s3_bucket.builds.id

  rule {
    apply_server_side_encryption_by_default {
      sse_algorithm = "aws:kms"
    }
    bucket_key_enabled = true
  }
}

resource "aws_s3_bucket_lifecycle_configuration" "builds" {
  bucket = aws_s3_bucket.builds.id

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

  depends_on = [aws_s3_bucket_versioning.builds]
}

resource "null_resource" "publish" {
  provisioner "local-exec" {
    command = "aws s3 sync ./dist s3://${aws_s3_bucket.downloads.bucket}/ --acl public-read --delete"
  }

  provisioner "local-exec" {
    command = "aws s3 cp ./docs s3://${aws_s3_bucket.docs.bucket}/ --recursive --grants read=uri=http://acs.amazonaws.com/groups/global/AllUsers"
  }

  provisioner "local-exec" {
    command = "aws s3 cp ./build.zip s3://${aws_s3_bucket.builds.bucket}/build.zip --acl bucket-owner-full-control"
  }
}
