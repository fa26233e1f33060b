provider "aws" {
  alias  = "replica"
  region = "us-west-2"
}

variable "regions_enabled" {
  type    = bool
  default = true
}

variable "tenants" {
  type    = set(string)
  default = ["blue", "green"]
}

# Both live in the replica region: their companions must too.
resource "aws_s3_bucket" "replica" {
  provider = aws.replica
  count    = var.regions_enabled ? 1 : 0
  bucket   = "acme-replica"
}

resource "aws_s3_bucket" "tenant" {
  provider = aws.replica
  for_each = var.tenants
  bucket   = "acme-tenant-${each.key}"
}
