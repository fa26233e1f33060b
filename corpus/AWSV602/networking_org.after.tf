terraform {
  required_providers {
    aws = {
      source  = "hashicorp/aws"
      version = ">= 5.100"
    }
  }
}

resource "aws_networkmanager_core_network" "core" {
  global_network_id   = "global-network-0123456789abcdef0"
  base_policy_regions = ["us-west-2"]
  create_base_policy  = true
}

resource "aws_guardduty_organization_configuration" "org" {
  detector_id = "12abc34d567e8fa901bc2d34e56789f0"
  auto_enable = true
}

resource "aws_guardduty_organization_configuration" "manual" {
  detector_id                      = "98abc34d567e8fa901bc2d34e56789f0"
  auto_enable_organization_members = "NONE"
}

resource "aws_cloudfront_response_headers_policy" "security" {
  name = "security-headers"

  security_headers_config {
    content_type_options {
      override = true
    }
  }
}

resource "aws_lb_target_group" "app" {
  name               = "app"
  port               = 443
  protocol           = "TLS"
  vpc_id             = "vpc-0123456789abcdef0"
  preserve_client_ip = false
}

resource "aws_elasticache_replication_group" "cache" {
  replication_group_id       = "cache"
  description                = "session cache"
  node_type                  = "cache.t4g.small"
  at_rest_encryption_enabled = true
  auto_minor_version_upgrade = false
}
