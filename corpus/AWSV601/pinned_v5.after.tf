terraform {
  required_providers {
    aws = {
      source  = "hashicorp/aws"
      version = "~> 5.40"
    }
  }
}

data "aws_region" "current" {}

data "aws_s3_bucket" "artifacts" {
  bucket = "acme-artifacts"
}

resource "aws_batch_compute_environment" "spot" {
  compute_environment_name_prefix = "spot-"
  type                            = "UNMANAGED"
}

output "artifacts_region" {
  value = data.aws_s3_bucket.artifacts.region
}

output "region" {
  value = data.aws_region.current.name
}
