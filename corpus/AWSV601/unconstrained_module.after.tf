variable "bucket_names" {
  type = set(string)
}

data "aws_s3_bucket" "existing" {
  for_each = var.bucket_names
  bucket   = each.key
}

data "aws_region" "current" {}

locals {
  # Replication only to buckets in another Region.
  remote = {
    for name, b in data.aws_s3_bucket.existing : name => b.arn
    if data.aws_s3_bucket.existing[name].region != data.aws_region.current.name
  }
}

output "remote_buckets" {
  value = local.remote
}

output "regions" {
  value = { for name in var.bucket_names : name => data.aws_s3_bucket.existing[name].region }
}
