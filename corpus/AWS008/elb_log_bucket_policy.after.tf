# Classic and Application Load Balancers deliver access logs as the Region's
# ELB account, which the bucket policy must allow: without it ELB refuses to
# enable the logs. The bucket without that policy is reported; the one with it
# (data.aws_elb_service_account) and the one whose logs are off are not.
data "aws_elb_service_account" "main" {}

resource "aws_s3_bucket" "alb_logs" {
  # checkov:skip=CKV_AWS_145:AES256 on purpose: Elastic Load Balancing access logs (aws_lb.web) delivers logs to it, which works only with SSE-S3 (tffix AWS008)
  bucket = "acme-alb-logs"
}

resource "aws_s3_bucket_public_access_block" "alb_logs" {
  bucket = aws_s3_bucket.alb_logs.id

  block_public_acls       = true
  block_public_policy     = true
  ignore_public_acls      = true
  restrict_public_buckets = true
}

resource "aws_s3_bucket_versioning" "alb_logs" {
  bucket = aws_s3_bucket.alb_logs.id

  versioning_configuration {
    status = "Enabled"
  }
}

resource "aws_s3_bucket_server_side_encryption_configuration" "alb_logs" {
  bucket = aws_s3_bucket.alb_logs.id

  rule {
    apply_server_side_encryption_by_default {
      sse_algorithm = "AES256"
    }
  }
}

resource "aws_s3_bucket_lifecycle_configuration" "alb_logs" {
  bucket = aws_s3_bucket.alb_logs.id

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

  depends_on = [aws_s3_bucket_versioning.alb_logs]
}

resource "aws_lb" "web" {
  name               = "web"
  load_balancer_type = "application"
  subnets            = ["subnet-0123456789abcdef0", "subnet-0fedcba9876543210"]

  access_logs {
    bucket  = aws_s3_bucket.alb_logs.id
    prefix  = "web"
    enabled = true
  }
}

resource "aws_s3_bucket" "elb_logs" {
  # checkov:skip=CKV_AWS_145:AES256 on purpose: the bucket may be public (its policy (aws_s3_bucket_policy.elb_logs) has an Allow statement whose principal or condition is not shown), and outside readers cannot decrypt SSE-KMS objects (tffix AWS008)
  bucket = "acme-elb-logs"
}

resource "aws_s3_bucket_versioning" "elb_logs" {
  bucket = aws_s3_bucket.elb_logs.id

  versioning_configuration {
    status = "Enabled"
  }
}

resource "aws_s3_bucket_server_side_encryption_configuration" "elb_logs" {
  bucket = aws_s3_bucket.elb_logs.id

  rule {
    apply_server_side_encryption_by_default {
      sse_algorithm = "AES256"
    }
  }
}

resource "aws_s3_bucket_lifecycle_configuration" "elb_logs" {
  bucket = aws_s3_bucket.elb_logs.id

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

  depends_on = [aws_s3_bucket_versioning.elb_logs]
}

resource "aws_s3_bucket_policy" "elb_logs" {
  bucket = aws_s3_bucket.elb_logs.id
  policy = jsonencode({
    Version = "2012-10-17"
    Statement = [{
      Effect    = "Allow"
      Principal = { AWS = data.aws_elb_service_account.main.arn }
      Action    = "s3:PutObject"
      Resource  = "${aws_s3_bucket.elb_logs.arn}/*"
    }]
  })
}

resource "aws_elb" "legacy" {
  name               = "legacy"
  availability_zones = ["eu-west-1a"]

  listener {
    instance_port     = 80
    instance_protocol = "http"
    lb_port           = 80
    lb_protocol       = "http"
  }

  access_logs {
    bucket = aws_s3_bucket.elb_logs.id
  }
}

resource "aws_s3_bucket" "off_logs" {
  # checkov:skip=CKV_AWS_145:AES256 on purpose: Elastic Load Balancing access logs (aws_lb.internal) delivers logs to it, which works only with SSE-S3 (tffix AWS008)
  bucket = "acme-off-logs"
}

resource "aws_s3_bucket_public_access_block" "off_logs" {
  bucket = aws_s3_bucket.off_logs.id

  block_public_acls       = true
  block_public_policy     = true
  ignore_public_acls      = true
  restrict_public_buckets = true
}

resource "aws_s3_bucket_versioning" "off_logs" {
  bucket = aws_s3_bucket.off_logs.id

  versioning_configuration {
    status = "Enabled"
  }
}

resource "aws_s3_bucket_server_side_encryption_configuration" "off_logs" {
  bucket = aws_s3_bucket.off_logs.id

  rule {
    apply_server_side_encryption_by_default {
      sse_algorithm = "AES256"
    }
  }
}

resource "aws_s3_bucket_lifecycle_configuration" "off_logs" {
  bucket = aws_s3_bucket.off_logs.id

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

  depends_on = [aws_s3_bucket_versioning.off_logs]
}

resource "aws_lb" "internal" {
  name    = "internal"
  subnets = ["subnet-0123456789abcdef0", "subnet-0fedcba9876543210"]

  access_logs {
    bucket  = aws_s3_bucket.off_logs.id
    enabled = false
  }
}

provider "aws" {
  region = "eu-west-1"
}
