# A realistic mix: providers, data sources, resources, modules, outputs.
terraform {
  required_version = ">= 1.5.0"
  required_providers {
    aws = {
      source  = "hashicorp/aws"
      version = "~> 5.0"
    }
  }
  backend "s3" {
    bucket = "tf-state"
    key    = "env/${terraform.workspace}.tfstate" # not allowed at runtime, but parses
    region = "eu-west-1"
  }
}

provider "aws" {
  region = var.region
  alias  = "west"
  default_tags {
    tags = local.common_tags
  }
}

variable "region" {
  type        = string
  default     = "eu-west-1"
  description = <<-EOT
    The AWS region.
    Defaults to "eu-west-1".
  EOT
}

locals {
  common_tags = merge(var.extra_tags, {
    Project = "tffix"
    Env     = terraform.workspace
  })
  azs = slice(data.aws_availability_zones.available.names, 0, 2)
}

data "aws_availability_zones" "available" {
  state = "available"
}

resource "aws_subnet" "private" {
  count             = length(local.azs)
  vpc_id            = module.vpc.vpc_id
  cidr_block        = cidrsubnet("10.0.0.0/16", 8, count.index)
  availability_zone = local.azs[count.index]
  tags              = { Name = "private-${count.index}" }

  lifecycle {
    ignore_changes = [tags["CreatedAt"]]
    precondition {
      condition     = count.index < 4
      error_message = "Too many subnets."
    }
  }
  depends_on = [module.vpc]
}

module "vpc" {
  source  = "terraform-aws-modules/vpc/aws"
  version = "5.1.0"
  providers = {
    aws = aws.west
  }
  for_each = toset(["a"])
}

output "subnet_ids" {
  value     = aws_subnet.private[*].id
  sensitive = true
}
