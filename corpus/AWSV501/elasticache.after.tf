# A module on provider 4.x, ready for the v5 upgrade: the new names exist. Two
# renames are made; availability_zones is ForceNew on 4.x and not read back, so a
# configuration without it replaces the group: reported.
terraform {
  required_providers {
    aws = {
      source  = "hashicorp/aws"
      version = "~> 4.67"
    }
  }
}

resource "aws_elasticache_replication_group" "redis" {
  replication_group_id = "sessions"
  description          = "session store"
  node_type            = "cache.t3.small"
  num_cache_clusters   = 2
  availability_zones   = ["us-east-1a", "us-east-1b"]
  port                 = 6379
}
