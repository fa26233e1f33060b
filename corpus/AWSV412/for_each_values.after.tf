variable "replicas" {
  type = map(object({
    destination_arn = string
    storage_class   = string
  }))
}

resource "aws_s3_bucket" "data" {
  for_each = var.replicas
  bucket   = "acme-data-${each.key}"

  versioning {
    enabled = true
  }

  lifecycle {
    ignore_changes = [replication_configuration]
  }
}

resource "aws_s3_bucket_replication_configuration" "data" {
  for_each = var.replicas

  bucket = aws_s3_bucket.data[each.key].id
  role   = var.replication_role_arn

  rule {
    id     = each.key
    status = "Enabled"

    destination {
      bucket        = each.value.destination_arn
      storage_class = each.value.storage_class
    }
  }
}

terraform {
  required_providers {
    aws = {
      source  = "hashicorp/aws"
      version = ">= 3.75"
    }
  }
}
