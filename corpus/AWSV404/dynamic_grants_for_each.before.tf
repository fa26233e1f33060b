variable "buckets" {
  description = "Bucket name => the canonical users it grants access to (none: a private bucket)."
  type = map(object({
    grants = list(object({ id = string, permissions = list(string) }))
  }))
}

resource "aws_s3_bucket" "shared" {
  for_each = var.buckets
  bucket   = each.key

  dynamic "grant" {
    for_each = each.value.grants
    content {
      id          = grant.value.id
      type        = "CanonicalUser"
      permissions = grant.value.permissions
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
