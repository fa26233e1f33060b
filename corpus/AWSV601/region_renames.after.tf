terraform {
  required_providers {
    aws = {
      source  = "hashicorp/aws"
      version = "~> 6.0"
    }
  }
}

resource "aws_s3_bucket" "logs" {
  bucket = "acme-logs"
}

resource "aws_config_aggregate_authorization" "central" {
  account_id = "123456789012"
  region     = "eu-west-1"
}

data "aws_vpc_peering_connection" "hub" {
  id               = "pcx-0123456789abcdef0"
  requester_region = "us-west-2"
}

variable "replica_regions" {
  type    = list(string)
  default = ["us-west-2", "eu-west-1"]
}

resource "aws_ssmincidents_replication_set" "this" {
  dynamic "regions" {
    iterator = region
    for_each = var.replica_regions
    content {
      name = region.value
    }
  }
}

output "logs_region" {
  value = aws_s3_bucket.logs.bucket_region
}

output "authorized" {
  value = aws_config_aggregate_authorization.central.region
}

output "peer" {
  value = data.aws_vpc_peering_connection.hub.requester_region
}
