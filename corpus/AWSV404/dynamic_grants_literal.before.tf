# A reusable module: the partner account reads the exports, the owner keeps control.
variable "name" {
  type = string
}

variable "partner_canonical_id" {
  type = string
}

resource "aws_s3_bucket" "exports" {
  count = 2

  bucket = "${var.name}-exports-${count.index}"

  dynamic "grant" {
    for_each = [
      { id = var.partner_canonical_id, permissions = ["READ", "READ_ACP"] },
    ]

    content {
      id          = lookup(grant.value, "id", null)
      type        = "CanonicalUser"
      permissions = grant.value["permissions"]
    }
  }

  versioning {
    enabled = true
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
