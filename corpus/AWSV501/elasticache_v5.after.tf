# A module on provider 5.x: availability_zones is gone from the schema and the
# state, and preferred_cache_cluster_azs is not ForceNew there: renamed.
terraform {
  required_providers {
    aws = {
      source  = "hashicorp/aws"
      version = "~> 5.0"
    }
  }
}

resource "aws_elasticache_replication_group" "redis" {
  replication_group_id = "sessions"
  description          = "session store"
  node_type            = "cache.t3.small"
  num_cache_clusters   = 2
  preferred_cache_cluster_azs = [
    "us-east-1a",
    "us-east-1b",
  ]
}
