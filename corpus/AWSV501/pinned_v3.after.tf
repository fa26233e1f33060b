# A root module pinned to provider 3.x: db_name and num_cache_clusters do not
# exist there yet ("An argument named ... is not expected here"), so the
# renames wait for the v4 upgrade; source_policy_documents exists from 3.28.
terraform {
  required_providers {
    aws = {
      source  = "hashicorp/aws"
      version = "~> 3.50"
    }
  }
}

provider "aws" {
  region = "eu-west-1"
}

resource "aws_db_instance" "default" {
  allocated_storage   = 10
  engine              = "mysql"
  instance_class      = "db.t3.micro"
  name                = "app"
  username            = "admin"
  password            = var.db_password
  skip_final_snapshot = true
}

resource "aws_elasticache_replication_group" "cache" {
  replication_group_id          = "app-cache"
  replication_group_description = "app cache"
  node_type                     = "cache.t3.micro"
  number_cache_clusters         = 2
}

data "aws_iam_policy_document" "base" {
  statement {
    actions   = ["s3:GetObject"]
    resources = ["*"]
  }
}

data "aws_iam_policy_document" "combined" {
  source_policy_documents = [data.aws_iam_policy_document.base.json]

  statement {
    actions   = ["s3:ListBucket"]
    resources = ["*"]
  }
}

variable "db_password" {
  type      = string
  sensitive = true
}
