# Services that check the bucket policy when they create what uses the bucket:
# each resource of theirs waits for the policy once it has its own resource.
provider "aws" {
  region = "us-east-1"
}

resource "aws_s3_bucket" "mail" {
  bucket = "acme-inbound-mail"
  policy = data.aws_iam_policy_document.mail.json
}

data "aws_iam_policy_document" "mail" {
  statement {
    actions   = ["s3:PutObject"]
    resources = ["arn:aws:s3:::acme-inbound-mail/*"]

    principals {
      type        = "Service"
      identifiers = ["ses.amazonaws.com"]
    }
  }
}

resource "aws_ses_receipt_rule" "store" {
  name          = "store"
  rule_set_name = "default-rule-set"
  recipients    = ["inbox@example.com"]
  enabled       = true

  s3_action {
    bucket_name = aws_s3_bucket.mail.id
    position    = 1
  }
}

resource "aws_s3_bucket" "audit" {
  bucket = "acme-redshift-audit"
  policy = jsonencode({
    Version = "2012-10-17"
    Statement = [{
      Effect    = "Allow"
      Principal = { Service = "redshift.amazonaws.com" }
      Action    = ["s3:GetBucketAcl", "s3:GetBucketPolicy", "s3:PutObject"]
      Resource  = ["arn:aws:s3:::acme-redshift-audit", "arn:aws:s3:::acme-redshift-audit/*"]
    }]
  })
}

resource "aws_redshift_cluster" "warehouse" {
  cluster_identifier  = "warehouse"
  node_type           = "ra3.xlplus"
  master_username     = "admin"
  master_password     = var.master_password
  skip_final_snapshot = true

  logging {
    enable      = true
    bucket_name = aws_s3_bucket.audit.id
  }
}

resource "aws_redshift_logging" "reporting" {
  cluster_identifier   = "reporting"
  log_destination_type = "s3"
  bucket_name          = aws_s3_bucket.audit.id
  s3_key_prefix        = "reporting/"
}

variable "master_password" {
  type = string
}

resource "aws_s3_bucket" "findings" {
  bucket = "acme-guardduty-findings"
  policy = data.aws_iam_policy_document.findings.json
}

data "aws_iam_policy_document" "findings" {
  statement {
    actions   = ["s3:GetBucketLocation", "s3:PutObject"]
    resources = ["arn:aws:s3:::acme-guardduty-findings", "arn:aws:s3:::acme-guardduty-findings/*"]

    principals {
      type        = "Service"
      identifiers = ["guardduty.amazonaws.com"]
    }
  }
}

resource "aws_guardduty_detector" "this" {
  enable = true
}

resource "aws_guardduty_publishing_destination" "s3" {
  detector_id     = aws_guardduty_detector.this.id
  destination_arn = aws_s3_bucket.findings.arn
  kms_key_arn     = var.findings_key_arn
}

variable "findings_key_arn" {
  type = string
}

resource "aws_s3_bucket" "billing" {
  bucket = "acme-cost-reports"
  policy = jsonencode({
    Version = "2012-10-17"
    Statement = [{
      Effect    = "Allow"
      Principal = { Service = "billingreports.amazonaws.com" }
      Action    = ["s3:GetBucketAcl", "s3:GetBucketPolicy", "s3:PutObject"]
      Resource  = ["arn:aws:s3:::acme-cost-reports", "arn:aws:s3:::acme-cost-reports/*"]
    }]
  })
}

resource "aws_cur_report_definition" "daily" {
  report_name                = "daily"
  time_unit                  = "DAILY"
  format                     = "textORcsv"
  compression                = "GZIP"
  additional_schema_elements = ["RESOURCES"]
  s3_bucket                  = aws_s3_bucket.billing.id
  s3_prefix                  = "cur"
  s3_region                  = "us-east-1"
}

resource "aws_s3_bucket" "elb_logs" {
  bucket = "acme-classic-elb-logs"
  policy = jsonencode({
    Version = "2012-10-17"
    Statement = [{
      Effect    = "Allow"
      Principal = { Service = "logdelivery.elasticloadbalancing.amazonaws.com" }
      Action    = ["s3:GetBucketAcl", "s3:GetBucketPolicy", "s3:PutObject"]
      Resource  = ["arn:aws:s3:::acme-classic-elb-logs", "arn:aws:s3:::acme-classic-elb-logs/*"]
    }]
  })
}

resource "aws_elb" "legacy" {
  name               = "legacy"
  availability_zones = ["us-east-1a"]

  listener {
    instance_port     = 80
    instance_protocol = "http"
    lb_port           = 80
    lb_protocol       = "http"
  }

  access_logs {
    bucket   = aws_s3_bucket.elb_logs.bucket
    interval = 60
  }
}
