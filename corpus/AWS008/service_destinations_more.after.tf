# Buckets AWS services write to, found by the delivering resource, by the bucket's
# name, or by the service principals its policy lets in: none can use the AWS
# managed key aws/s3, so with no module key whose policy names them they get SSE-S3.
provider "aws" {
  region = "eu-west-1"
}

variable "flow_type" {
  default = "s3"
}

resource "aws_s3_bucket" "elb_literal" {
  # checkov:skip=CKV_AWS_145:AES256 on purpose: Elastic Load Balancing access logs (aws_s3_bucket_policy.elb_literal) delivers logs to it, which works only with SSE-S3 (tffix AWS008)
  bucket = "probe-elb-literal"
}

resource "aws_s3_bucket_public_access_block" "elb_literal" {
  bucket = aws_s3_bucket.elb_literal.id

  block_public_acls       = true
  block_public_policy     = true
  ignore_public_acls      = true
  restrict_public_buckets = true

  depends_on = [aws_s3_bucket_policy.elb_literal]
}

resource "aws_s3_bucket_versioning" "elb_literal" {
  bucket = aws_s3_bucket.elb_literal.id

  versioning_configuration {
    status = "Enabled"
  }
}

resource "aws_s3_bucket_server_side_encryption_configuration" "elb_literal" {
  bucket = aws_s3_bucket.elb_literal.id

  rule {
    apply_server_side_encryption_by_default {
      sse_algorithm = "AES256"
    }
  }
}

resource "aws_s3_bucket_lifecycle_configuration" "elb_literal" {
  bucket = aws_s3_bucket.elb_literal.id

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

  depends_on = [aws_s3_bucket_versioning.elb_literal]
}

resource "aws_s3_bucket_policy" "elb_literal" {
  bucket = aws_s3_bucket.elb_literal.id
  policy = jsonencode({
    Version = "2012-10-17"
    Statement = [{
      Effect    = "Allow"
      Principal = { AWS = "arn:aws:iam::156460612806:root" }
      Action    = "s3:PutObject"
      Resource  = "${aws_s3_bucket.elb_literal.arn}/*"
    }]
  })
}

resource "aws_s3_bucket" "redshift" {
  # checkov:skip=CKV_AWS_145:AES256 on purpose: Amazon Redshift audit logging (aws_s3_bucket_policy.redshift) delivers logs to it, which works only with SSE-S3 (tffix AWS008)
  bucket = "probe-redshift"
}

resource "aws_s3_bucket_public_access_block" "redshift" {
  bucket = aws_s3_bucket.redshift.id

  block_public_acls       = true
  block_public_policy     = true
  ignore_public_acls      = true
  restrict_public_buckets = true

  depends_on = [aws_s3_bucket_policy.redshift]
}

resource "aws_s3_bucket_versioning" "redshift" {
  bucket = aws_s3_bucket.redshift.id

  versioning_configuration {
    status = "Enabled"
  }
}

resource "aws_s3_bucket_server_side_encryption_configuration" "redshift" {
  bucket = aws_s3_bucket.redshift.id

  rule {
    apply_server_side_encryption_by_default {
      sse_algorithm = "AES256"
    }
  }
}

resource "aws_s3_bucket_lifecycle_configuration" "redshift" {
  bucket = aws_s3_bucket.redshift.id

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

  depends_on = [aws_s3_bucket_versioning.redshift]
}

data "aws_iam_policy_document" "redshift" {
  statement {
    actions   = ["s3:PutObject"]
    resources = ["${aws_s3_bucket.redshift.arn}/*"]
    principals {
      type        = "Service"
      identifiers = ["redshift.amazonaws.com"]
    }
  }
}

resource "aws_s3_bucket_policy" "redshift" {
  bucket = aws_s3_bucket.redshift.id
  policy = data.aws_iam_policy_document.redshift.json
}

resource "aws_s3_bucket" "logs_export" {
  # checkov:skip=CKV_AWS_145:AES256 on purpose: CloudWatch Logs export (aws_s3_bucket_policy.logs_export) receives exported log data, and no key of the module lets logs.eu-west-1.amazonaws.com use it (tffix AWS008)
  bucket = "probe-logs-export"
}

resource "aws_s3_bucket_public_access_block" "logs_export" {
  bucket = aws_s3_bucket.logs_export.id

  block_public_acls       = true
  block_public_policy     = true
  ignore_public_acls      = true
  restrict_public_buckets = true

  depends_on = [aws_s3_bucket_policy.logs_export]
}

resource "aws_s3_bucket_versioning" "logs_export" {
  bucket = aws_s3_bucket.logs_export.id

  versioning_configuration {
    status = "Enabled"
  }
}

resource "aws_s3_bucket_server_side_encryption_configuration" "logs_export" {
  bucket = aws_s3_bucket.logs_export.id

  rule {
    apply_server_side_encryption_by_default {
      sse_algorithm = "AES256"
    }
  }
}

resource "aws_s3_bucket_lifecycle_configuration" "logs_export" {
  bucket = aws_s3_bucket.logs_export.id

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

  depends_on = [aws_s3_bucket_versioning.logs_export]
}

resource "aws_s3_bucket_policy" "logs_export" {
  bucket = aws_s3_bucket.logs_export.id
  policy = jsonencode({
    Version = "2012-10-17"
    Statement = [{
      Effect    = "Allow"
      Principal = { Service = "logs.eu-west-1.amazonaws.com" }
      Action    = "s3:PutObject"
      Resource  = "${aws_s3_bucket.logs_export.arn}/*"
    }]
  })
}

resource "aws_s3_bucket" "cf_v2" {
  # checkov:skip=CKV_AWS_145:AES256 on purpose: AWS log delivery (aws_cloudwatch_log_delivery_destination.cf) delivers logs to it, and no key of the module lets delivery.logs.amazonaws.com use it (tffix AWS008)
  bucket = "probe-cf-v2"
}

resource "aws_s3_bucket_public_access_block" "cf_v2" {
  bucket = aws_s3_bucket.cf_v2.id

  block_public_acls       = true
  block_public_policy     = true
  ignore_public_acls      = true
  restrict_public_buckets = true
}

resource "aws_s3_bucket_versioning" "cf_v2" {
  bucket = aws_s3_bucket.cf_v2.id

  versioning_configuration {
    status = "Enabled"
  }
}

resource "aws_s3_bucket_server_side_encryption_configuration" "cf_v2" {
  bucket = aws_s3_bucket.cf_v2.id

  rule {
    apply_server_side_encryption_by_default {
      sse_algorithm = "AES256"
    }
  }
}

resource "aws_s3_bucket_lifecycle_configuration" "cf_v2" {
  bucket = aws_s3_bucket.cf_v2.id

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

  depends_on = [aws_s3_bucket_versioning.cf_v2]
}

resource "aws_cloudwatch_log_delivery_destination" "cf" {
  name = "cf-logs"
  delivery_destination_configuration {
    destination_resource_arn = aws_s3_bucket.cf_v2.arn
  }
}

resource "aws_s3_bucket" "flows" {
  # checkov:skip=CKV_AWS_145:AES256 on purpose: VPC Flow Logs (aws_flow_log.vpc) delivers logs to it, and no key of the module lets delivery.logs.amazonaws.com use it (tffix AWS008)
  bucket = "probe-flows"
}

resource "aws_s3_bucket_public_access_block" "flows" {
  bucket = aws_s3_bucket.flows.id

  block_public_acls       = true
  block_public_policy     = true
  ignore_public_acls      = true
  restrict_public_buckets = true
}

resource "aws_s3_bucket_versioning" "flows" {
  bucket = aws_s3_bucket.flows.id

  versioning_configuration {
    status = "Enabled"
  }
}

resource "aws_s3_bucket_server_side_encryption_configuration" "flows" {
  bucket = aws_s3_bucket.flows.id

  rule {
    apply_server_side_encryption_by_default {
      sse_algorithm = "AES256"
    }
  }
}

resource "aws_s3_bucket_lifecycle_configuration" "flows" {
  bucket = aws_s3_bucket.flows.id

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

  depends_on = [aws_s3_bucket_versioning.flows]
}

resource "aws_flow_log" "vpc" {
  log_destination      = aws_s3_bucket.flows.arn
  log_destination_type = var.flow_type
  traffic_type         = "ALL"
  vpc_id               = "vpc-123"
}

resource "aws_s3_bucket" "trail_by_name" {
  # checkov:skip=CKV_AWS_145:AES256 on purpose: CloudTrail (aws_cloudtrail.main) delivers logs to it, and no key of the module lets cloudtrail.amazonaws.com use it (tffix AWS008)
  bucket = "probe-trail"
}

resource "aws_s3_bucket_public_access_block" "trail_by_name" {
  bucket = aws_s3_bucket.trail_by_name.id

  block_public_acls       = true
  block_public_policy     = true
  ignore_public_acls      = true
  restrict_public_buckets = true
}

resource "aws_s3_bucket_versioning" "trail_by_name" {
  bucket = aws_s3_bucket.trail_by_name.id

  versioning_configuration {
    status = "Enabled"
  }
}

resource "aws_s3_bucket_server_side_encryption_configuration" "trail_by_name" {
  bucket = aws_s3_bucket.trail_by_name.id

  rule {
    apply_server_side_encryption_by_default {
      sse_algorithm = "AES256"
    }
  }
}

resource "aws_s3_bucket_lifecycle_configuration" "trail_by_name" {
  bucket = aws_s3_bucket.trail_by_name.id

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

  depends_on = [aws_s3_bucket_versioning.trail_by_name]
}

resource "aws_cloudtrail" "main" {
  name           = "main"
  s3_bucket_name = "probe-trail"
}

resource "aws_s3_bucket" "ses" {
  # checkov:skip=CKV_AWS_145:AES256 on purpose: Amazon SES receipt rule (aws_s3_bucket_policy.ses) delivers received email to it, and no key of the module lets ses.amazonaws.com use it (tffix AWS008)
  bucket = "probe-ses"
}

resource "aws_s3_bucket_public_access_block" "ses" {
  bucket = aws_s3_bucket.ses.id

  block_public_acls       = true
  block_public_policy     = true
  ignore_public_acls      = true
  restrict_public_buckets = true

  depends_on = [aws_s3_bucket_policy.ses]
}

resource "aws_s3_bucket_versioning" "ses" {
  bucket = aws_s3_bucket.ses.id

  versioning_configuration {
    status = "Enabled"
  }
}

resource "aws_s3_bucket_server_side_encryption_configuration" "ses" {
  bucket = aws_s3_bucket.ses.id

  rule {
    apply_server_side_encryption_by_default {
      sse_algorithm = "AES256"
    }
  }
}

resource "aws_s3_bucket_lifecycle_configuration" "ses" {
  bucket = aws_s3_bucket.ses.id

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

  depends_on = [aws_s3_bucket_versioning.ses]
}

resource "aws_s3_bucket_policy" "ses" {
  bucket = aws_s3_bucket.ses.id
  policy = jsonencode({
    Version = "2012-10-17"
    Statement = [{
      Effect    = "Allow"
      Principal = { Service = ["ses.amazonaws.com"] }
      Action    = "s3:PutObject"
      Resource  = "${aws_s3_bucket.ses.arn}/*"
    }]
  })
}

resource "aws_s3_bucket" "accel" {
  # checkov:skip=CKV_AWS_145:AES256 on purpose: Global Accelerator flow logs (aws_globalaccelerator_accelerator.a) delivers logs to it, and no key of the module lets delivery.logs.amazonaws.com use it (tffix AWS008)
  bucket = "probe-accel"
}

resource "aws_s3_bucket_public_access_block" "accel" {
  bucket = aws_s3_bucket.accel.id

  block_public_acls       = true
  block_public_policy     = true
  ignore_public_acls      = true
  restrict_public_buckets = true
}

resource "aws_s3_bucket_versioning" "accel" {
  bucket = aws_s3_bucket.accel.id

  versioning_configuration {
    status = "Enabled"
  }
}

resource "aws_s3_bucket_server_side_encryption_configuration" "accel" {
  bucket = aws_s3_bucket.accel.id

  rule {
    apply_server_side_encryption_by_default {
      sse_algorithm = "AES256"
    }
  }
}

resource "aws_s3_bucket_lifecycle_configuration" "accel" {
  bucket = aws_s3_bucket.accel.id

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

  depends_on = [aws_s3_bucket_versioning.accel]
}

resource "aws_globalaccelerator_accelerator" "a" {
  # flow logs to S3: delivered by delivery.logs.amazonaws.com
  name = "a"
  attributes {
    flow_logs_enabled   = true
    flow_logs_s3_bucket = aws_s3_bucket.accel.bucket
    flow_logs_s3_prefix = "flow/"
  }
}

resource "aws_s3_bucket" "plain" {
  bucket = "probe-plain"
}

resource "aws_s3_bucket_public_access_block" "plain" {
  bucket = aws_s3_bucket.plain.id

  block_public_acls       = true
  block_public_policy     = true
  ignore_public_acls      = true
  restrict_public_buckets = true
}

resource "aws_s3_bucket_versioning" "plain" {
  bucket = aws_s3_bucket.plain.id

  versioning_configuration {
    status = "Enabled"
  }
}

resource "aws_s3_bucket_server_side_encryption_configuration" "plain" {
  bucket = aws_s3_bucket.plain.id

  rule {
    apply_server_side_encryption_by_default {
      sse_algorithm = "aws:kms"
    }
    bucket_key_enabled = true
  }
}

resource "aws_s3_bucket_lifecycle_configuration" "plain" {
  bucket = aws_s3_bucket.plain.id

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

  depends_on = [aws_s3_bucket_versioning.plain]
}

data "aws_partition" "current" {}

resource "aws_s3_bucket" "trail_by_partition" {
  # checkov:skip=CKV_AWS_145:AES256 on purpose: CloudTrail (aws_s3_bucket_policy.trail_by_partition) delivers logs to it, and no key of the module lets cloudtrail.amazonaws.com use it (tffix AWS008)
  bucket = "probe-trail-partition"
}

resource "aws_s3_bucket_public_access_block" "trail_by_partition" {
  bucket = aws_s3_bucket.trail_by_partition.id

  block_public_acls       = true
  block_public_policy     = true
  ignore_public_acls      = true
  restrict_public_buckets = true

  depends_on = [aws_s3_bucket_policy.trail_by_partition]
}

resource "aws_s3_bucket_versioning" "trail_by_partition" {
  bucket = aws_s3_bucket.trail_by_partition.id

  versioning_configuration {
    status = "Enabled"
  }
}

resource "aws_s3_bucket_server_side_encryption_configuration" "trail_by_partition" {
  bucket = aws_s3_bucket.trail_by_partition.id

  rule {
    apply_server_side_encryption_by_default {
      sse_algorithm = "AES256"
    }
  }
}

resource "aws_s3_bucket_lifecycle_configuration" "trail_by_partition" {
  bucket = aws_s3_bucket.trail_by_partition.id

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

  depends_on = [aws_s3_bucket_versioning.trail_by_partition]
}

resource "aws_s3_bucket_policy" "trail_by_partition" {
  bucket = aws_s3_bucket.trail_by_partition.id
  policy = jsonencode({
    Version = "2012-10-17"
    Statement = [{
      Effect    = "Allow"
      Principal = { Service = "cloudtrail.${data.aws_partition.current.dns_suffix}" }
      Action    = "s3:PutObject"
      Resource  = "${aws_s3_bucket.trail_by_partition.arn}/*"
    }]
  })
}

resource "aws_s3_bucket" "other_service" {
  # checkov:skip=CKV_AWS_145:AES256 on purpose: the service storage-lens.s3.amazonaws.com (aws_s3_bucket_policy.other_service) is let in by its bucket policy, and no key of the module lets storage-lens.s3.amazonaws.com use it (tffix AWS008)
  bucket = "probe-other-service"
}

resource "aws_s3_bucket_public_access_block" "other_service" {
  bucket = aws_s3_bucket.other_service.id

  block_public_acls       = true
  block_public_policy     = true
  ignore_public_acls      = true
  restrict_public_buckets = true

  depends_on = [aws_s3_bucket_policy.other_service]
}

resource "aws_s3_bucket_versioning" "other_service" {
  bucket = aws_s3_bucket.other_service.id

  versioning_configuration {
    status = "Enabled"
  }
}

resource "aws_s3_bucket_server_side_encryption_configuration" "other_service" {
  bucket = aws_s3_bucket.other_service.id

  rule {
    apply_server_side_encryption_by_default {
      sse_algorithm = "AES256"
    }
  }
}

resource "aws_s3_bucket_lifecycle_configuration" "other_service" {
  bucket = aws_s3_bucket.other_service.id

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

  depends_on = [aws_s3_bucket_versioning.other_service]
}

resource "aws_s3_bucket_policy" "other_service" {
  bucket = aws_s3_bucket.other_service.id
  policy = jsonencode({
    Version = "2012-10-17"
    Statement = [{
      Effect    = "Allow"
      Principal = { Service = "storage-lens.s3.amazonaws.com" }
      Action    = "s3:PutObject"
      Resource  = "${aws_s3_bucket.other_service.arn}/*"
    }]
  })
}

resource "aws_s3_bucket" "billing" {
  # checkov:skip=CKV_AWS_145:AES256 on purpose: Cost and Usage Reports (aws_cur_report_definition.daily) delivers billing reports to it, and no key of the module lets billingreports.amazonaws.com use it (tffix AWS008)
  bucket = "probe-billing"
}

resource "aws_s3_bucket_public_access_block" "billing" {
  bucket = aws_s3_bucket.billing.id

  block_public_acls       = true
  block_public_policy     = true
  ignore_public_acls      = true
  restrict_public_buckets = true
}

resource "aws_s3_bucket_versioning" "billing" {
  bucket = aws_s3_bucket.billing.id

  versioning_configuration {
    status = "Enabled"
  }
}

resource "aws_s3_bucket_server_side_encryption_configuration" "billing" {
  bucket = aws_s3_bucket.billing.id

  rule {
    apply_server_side_encryption_by_default {
      sse_algorithm = "AES256"
    }
  }
}

resource "aws_s3_bucket_lifecycle_configuration" "billing" {
  bucket = aws_s3_bucket.billing.id

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

  depends_on = [aws_s3_bucket_versioning.billing]
}

resource "aws_cur_report_definition" "daily" {
  report_name                = "daily"
  time_unit                  = "DAILY"
  format                     = "textORcsv"
  compression                = "GZIP"
  additional_schema_elements = ["RESOURCES"]
  s3_bucket                  = aws_s3_bucket.billing.id
  s3_region                  = "eu-west-1"
}
