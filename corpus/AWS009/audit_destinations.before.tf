provider "aws" {
  region = "eu-west-1"
}

resource "aws_cloudwatch_log_group" "trail" {
  name = "organization-trail"
}

resource "aws_cloudtrail" "main" {
  name                       = "main"
  s3_bucket_name             = aws_s3_bucket.trail.id
  cloud_watch_logs_group_arn = "${aws_cloudwatch_log_group.trail.arn}:*"
  cloud_watch_logs_role_arn  = aws_iam_role.trail.arn
}

resource "aws_cloudwatch_log_group" "vpc" {
  name              = "/network/vpc"
  retention_in_days = 30
}

resource "aws_flow_log" "vpc" {
  vpc_id          = aws_vpc.main.id
  traffic_type    = "ALL"
  iam_role_arn    = aws_iam_role.flow.arn
  log_destination = aws_cloudwatch_log_group.vpc.arn
}

resource "aws_cloudwatch_log_group" "rds_audit" {
  name              = "/aws/rds/instance/${aws_db_instance.main.identifier}/audit"
  retention_in_days = null
}

resource "aws_cloudwatch_log_group" "eks" {
  name              = "/aws/eks/${var.cluster_name}/cluster"
  retention_in_days = 90
}

resource "aws_cloudwatch_log_group" "search_audit" {
  name              = "/aws/opensearch/audit-logs"
  retention_in_days = 0
}

resource "aws_opensearch_domain" "search" {
  domain_name = "search"

  log_publishing_options {
    cloudwatch_log_group_arn = aws_cloudwatch_log_group.search_audit.arn
    log_type                 = "AUDIT_LOGS"
  }
}

resource "aws_cloudwatch_log_group" "dns" {
  name              = "/aws/route53/example.com"
  retention_in_days = 10
}

resource "aws_route53_query_log" "dns" {
  cloudwatch_log_group_arn = aws_cloudwatch_log_group.dns.arn
  zone_id                  = aws_route53_zone.main.zone_id
}

resource "aws_cloudwatch_log_group" "waf" {
  name              = "aws-waf-logs-edge"
  retention_in_days = 731
}
