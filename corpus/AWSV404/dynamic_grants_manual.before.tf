variable "grants" {
  type = map(object({
    type        = string
    permissions = list(string)
  }))
  default = {}
}

variable "extra_grants" {
  type    = list(any)
  default = []
}

# The map key is the grantee's ID: the content reads grant.key.
resource "aws_s3_bucket" "keyed" {
  bucket = "acme-keyed"

  dynamic "grant" {
    for_each = var.grants

    content {
      id          = grant.key
      type        = grant.value.type
      permissions = grant.value.permissions
    }
  }
}

# The grants come from a function of two lists.
resource "aws_s3_bucket" "merged" {
  bucket = "acme-merged"

  dynamic "grant" {
    for_each = concat(var.extra_grants, [{ type = "Group", uri = "http://acs.amazonaws.com/groups/s3/LogDelivery", permissions = ["WRITE"] }])

    content {
      type        = grant.value.type
      uri         = grant.value.uri
      permissions = grant.value.permissions
    }
  }
}

# A static grant beside the dynamic ones.
resource "aws_s3_bucket" "both" {
  bucket = "acme-both"

  grant {
    type        = "Group"
    uri         = "http://acs.amazonaws.com/groups/s3/LogDelivery"
    permissions = ["WRITE"]
  }

  dynamic "grant" {
    for_each = var.extra_grants

    content {
      id          = grant.value.id
      type        = "CanonicalUser"
      permissions = [upper(grant.value.permission)]
    }
  }
}
