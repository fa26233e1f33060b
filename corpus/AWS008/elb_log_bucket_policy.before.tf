# Classic and Application Load Balancers deliver access logs as the Region's
# ELB account, which the bucket policy must allow: without it ELB refuses to
# enable the logs. The bucket without that policy is reported; the one with it
# (data.aws_elb_service_account) and the one whose logs are off are not.
data "aws_elb_service_account" "main" {}

resource "aws_s3_bucket" "alb_logs" {
  bucket = "acme-alb-logs"
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
  bucket = "acme-elb-logs"
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
  bucket = "acme-off-logs"
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
