# Arguments and resources provider v5 removed with no name to rename them to: each
# is reported (plan fails on it in 5.x), nothing is edited.
terraform {
  required_providers {
    aws = {
      source  = "hashicorp/aws"
      version = "~> 4.0"
    }
  }
}
provider "aws" {
  region = "us-east-1"
}
resource "aws_route_table" "private" {
  vpc_id = "vpc-123"
  route {
    cidr_block  = "0.0.0.0/0"
    instance_id = "i-123"
  }
}
resource "aws_autoscaling_group" "a" {
  name                 = "a"
  min_size             = 1
  max_size             = 1
  launch_configuration = "lc"
  vpc_zone_identifier  = ["subnet-1"]
  tags = [
    {
      key                 = "Name"
      value               = "a"
      propagate_at_launch = true
    },
  ]
}
resource "aws_secretsmanager_secret" "s" {
  name                = "s"
  rotation_lambda_arn = "arn:aws:lambda:us-east-1:123:function:f"
  rotation_rules {
    automatically_after_days = 30
  }
}
resource "aws_vpc" "v" {
  cidr_block         = "10.0.0.0/16"
  enable_classiclink = false
}
resource "aws_elasticache_cluster" "c" {
  cluster_id           = "c"
  engine               = "redis"
  node_type            = "cache.t3.micro"
  num_cache_nodes      = 1
  security_group_names = ["legacy"]
}
resource "aws_msk_cluster" "m" {
  cluster_name           = "m"
  kafka_version          = "2.8.1"
  number_of_broker_nodes = 2
  broker_node_group_info {
    instance_type   = "kafka.t3.small"
    client_subnets  = ["subnet-1", "subnet-2"]
    security_groups = ["sg-1"]
    ebs_volume_size = 100
  }
}
resource "aws_db_security_group" "old" {
  name = "old"

  ingress {
    cidr = "10.0.0.0/24"
  }
}
resource "aws_kinesis_firehose_delivery_stream" "f" {
  name        = "f"
  destination = "s3"
}
