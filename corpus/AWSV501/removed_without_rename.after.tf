# What provider v5 removed with no name to rename it to is reported: the replication
# group's cluster_mode block (its settings become top-level arguments) and a route's
# instance_id; the description is renamed as usual.
terraform {
  required_providers {
    aws = {
      source  = "hashicorp/aws"
      version = ">= 4.0"
    }
  }
}

provider "aws" {
  region = "eu-west-1"
}

resource "aws_elasticache_replication_group" "sessions" {
  replication_group_id = "sessions"
  description          = "session store"
  node_type            = "cache.t3.micro"
  engine               = "redis"

  cluster_mode {
    num_node_groups         = 2
    replicas_per_node_group = 1
  }
}

resource "aws_route" "egress" {
  route_table_id         = "rtb-0123456789abcdef0"
  destination_cidr_block = "0.0.0.0/0"
  instance_id            = "i-0123456789abcdef0"
}
