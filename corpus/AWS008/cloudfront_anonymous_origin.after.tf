provider "aws" {}

# CloudFront reads these buckets without an origin access identity or control: as an
# anonymous user, so their objects are public by ACLs or a policy not shown here.
resource "aws_s3_bucket" "site" {
  # checkov:skip=CKV_AWS_145:AES256 on purpose: the bucket may be public (aws_cloudfront_distribution.cdn reads it as an origin without an origin access identity or control, as an anonymous user: that works only for objects anyone may read, public by object ACLs or a policy the module does not show), and outside readers cannot decrypt SSE-KMS objects (tffix AWS008)
  bucket = "example-site"
}

resource "aws_s3_bucket_versioning" "site" {
  bucket = aws_s3_bucket.site.id

  versioning_configuration {
    status = "Enabled"
  }
}

resource "aws_s3_bucket_server_side_encryption_configuration" "site" {
  bucket = aws_s3_bucket.site.id

  rule {
    apply_server_side_encryption_by_default {
      sse_algorithm = "AES256"
    }
  }
}

resource "aws_s3_bucket_lifecycle_configuration" "site" {
  bucket = aws_s3_bucket.site.id

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

  depends_on = [aws_s3_bucket_versioning.site]
}

resource "aws_s3_bucket" "legacy" {
  # checkov:skip=CKV_AWS_145:AES256 on purpose: the bucket may be public (aws_cloudfront_distribution.cdn reads it as an origin without an origin access identity or control, as an anonymous user: that works only for objects anyone may read, public by object ACLs or a policy the module does not show), and outside readers cannot decrypt SSE-KMS objects (tffix AWS008)
  bucket = "example-legacy"
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

# Read through an origin access identity and an origin access control: private.
resource "aws_s3_bucket" "oai" {
  # checkov:skip=CKV_AWS_145:AES256 on purpose: CloudFront origin access identity (aws_cloudfront_distribution.cdn) reads its objects, which works only with SSE-S3 (tffix AWS008)
  bucket = "example-oai"
}

resource "aws_s3_bucket_public_access_block" "oai" {
  bucket = aws_s3_bucket.oai.id

  block_public_acls       = true
  block_public_policy     = true
  ignore_public_acls      = true
  restrict_public_buckets = true
}

resource "aws_s3_bucket_versioning" "oai" {
  bucket = aws_s3_bucket.oai.id

  versioning_configuration {
    status = "Enabled"
  }
}

resource "aws_s3_bucket_server_side_encryption_configuration" "oai" {
  bucket = aws_s3_bucket.oai.id

  rule {
    apply_server_side_encryption_by_default {
      sse_algorithm = "AES256"
    }
  }
}

resource "aws_s3_bucket_lifecycle_configuration" "oai" {
  bucket = aws_s3_bucket.oai.id

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

  depends_on = [aws_s3_bucket_versioning.oai]
}

resource "aws_s3_bucket" "oac" {
  # checkov:skip=CKV_AWS_145:AES256 on purpose: CloudFront origin access control (aws_cloudfront_distribution.cdn) reads its objects, and no key of the module lets cloudfront.amazonaws.com use it (tffix AWS008)
  bucket = "example-oac"
}

resource "aws_s3_bucket_public_access_block" "oac" {
  bucket = aws_s3_bucket.oac.id

  block_public_acls       = true
  block_public_policy     = true
  ignore_public_acls      = true
  restrict_public_buckets = true
}

resource "aws_s3_bucket_versioning" "oac" {
  bucket = aws_s3_bucket.oac.id

  versioning_configuration {
    status = "Enabled"
  }
}

resource "aws_s3_bucket_server_side_encryption_configuration" "oac" {
  bucket = aws_s3_bucket.oac.id

  rule {
    apply_server_side_encryption_by_default {
      sse_algorithm = "AES256"
    }
  }
}

resource "aws_s3_bucket_lifecycle_configuration" "oac" {
  bucket = aws_s3_bucket.oac.id

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

  depends_on = [aws_s3_bucket_versioning.oac]
}

resource "aws_cloudfront_origin_access_identity" "oai" {}

resource "aws_cloudfront_origin_access_control" "oac" {
  name                              = "oac"
  origin_access_control_origin_type = "s3"
  signing_behavior                  = "always"
  signing_protocol                  = "sigv4"
}

resource "aws_cloudfront_distribution" "cdn" {
  enabled = true

  origin {
    domain_name = aws_s3_bucket.site.bucket_regional_domain_name
    origin_id   = "site"
  }

  origin {
    domain_name = aws_s3_bucket.legacy.bucket_domain_name
    origin_id   = "legacy"

    s3_origin_config {
      origin_access_identity = ""
    }
  }

  origin {
    domain_name = aws_s3_bucket.oai.bucket_regional_domain_name
    origin_id   = "oai"

    s3_origin_config {
      origin_access_identity = aws_cloudfront_origin_access_identity.oai.cloudfront_access_identity_path
    }
  }

  origin {
    domain_name              = aws_s3_bucket.oac.bucket_regional_domain_name
    origin_id                = "oac"
    origin_access_control_id = aws_cloudfront_origin_access_control.oac.id
  }

  default_cache_behavior {
    allowed_methods        = ["GET", "HEAD"]
    cached_methods         = ["GET", "HEAD"]
    target_origin_id       = "site"
    viewer_protocol_policy = "redirect-to-https"
    cache_policy_id        = "658327ea-f89d-4fab-a63d-7e88639e58f6"
  }

  restrictions {
    geo_restriction {
      restriction_type = "none"
    }
  }

  viewer_certificate {
    cloudfront_default_certificate = true
  }
}
