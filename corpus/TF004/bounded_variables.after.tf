variable "project_name" {
  description = "Short name of the project"
  type        = string

  validation {
    condition     = length(var.project_name) <= 10 && can(regex("^[a-z][a-z0-9-]+$", var.project_name))
    error_message = "project_name must be at most 10 lowercase letters, digits or hyphens."
  }
}

variable "environment_suffix" {
  description = "Environment: dev, qa or prod"
  type        = string

  validation {
    condition     = contains(["dev", "qa", "prod"], var.environment_suffix)
    error_message = "environment_suffix must be dev, qa or prod."
  }
}

variable "shards" {
  type    = number
  default = 12
}

resource "aws_elasticache_replication_group" "sessions" {
  replication_group_id = "${var.project_name}-sessions-cache"
  description          = "User sessions"
  node_type            = "cache.t4g.micro"
}

resource "aws_sqs_queue" "shard" {
  count = var.shards
  name  = "${var.project_name}-ingest-shard-${count.index}"
}

resource "aws_lb_target_group" "canary" {
  name     = "${var.project_name}-canary-target-group"
  port     = 80
  protocol = "HTTP"
  vpc_id   = "vpc-0123456789abcdef0"
}

resource "aws_db_instance" "reporting" {
  identifier        = "reporting-replica"
  instance_class    = "db.t4g.micro"
  engine            = "postgres"
  allocated_storage = 20
}
