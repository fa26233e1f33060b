provider "aws" {
  region = "eu-west-1"
}

variable "grants" {
  description = "Extra grants; when set, the canned ACL must be null (provider v3 refuses both)."
  type        = list(any)
  default     = []
}

# The access log bucket: log delivery writes to it through the canned ACL.
resource "aws_s3_bucket" "logs" {
  bucket = "acme-logs"
  acl    = length(var.grants) > 0 ? null : "log-delivery-write"

  dynamic "grant" {
    for_each = var.grants
    content {
      type        = grant.value.type
      uri         = grant.value.uri
      permissions = grant.value.permissions
    }
  }
}
