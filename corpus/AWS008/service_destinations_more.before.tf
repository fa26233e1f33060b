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
  bucket = "probe-elb-literal"
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
  bucket = "probe-redshift"
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
  bucket = "probe-logs-export"
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
  bucket = "probe-cf-v2"
}

resource "aws_cloudwatch_log_delivery_destination" "cf" {
  name = "cf-logs"
  delivery_destination_configuration {
    destination_resource_arn = aws_s3_bucket.cf_v2.arn
  }
}

resource "aws_s3_bucket" "flows" {
  bucket = "probe-flows"
}

resource "aws_flow_log" "vpc" {
  log_destination      = aws_s3_bucket.flows.arn
  log_destination_type = var.flow_type
  traffic_type         = "ALL"
  vpc_id               = "vpc-123"
}

resource "aws_s3_bucket" "trail_by_name" {
  bucket = "probe-trail"
}

resource "aws_cloudtrail" "main" {
  name           = "main"
  s3_bucket_name = "probe-trail"
}

resource "aws_s3_bucket" "ses" {
  bucket = "probe-ses"
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
  bucket = "probe-accel"
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

data "aws_partition" "current" {}

resource "aws_s3_bucket" "trail_by_partition" {
  bucket = "probe-trail-partition"
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
  bucket = "probe-other-service"
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
  bucket = "probe-billing"
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
