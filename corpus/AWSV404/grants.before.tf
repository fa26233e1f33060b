data "aws_canonical_user_id" "current_user" {}

resource "aws_s3_bucket" "shared" {
  bucket = "acme-shared"

  grant {
    id          = data.aws_canonical_user_id.current_user.id
    type        = "CanonicalUser"
    permissions = ["FULL_CONTROL"]
  }

  grant {
    type        = "Group"
    permissions = ["READ_ACP", "WRITE"]
    uri         = "http://acs.amazonaws.com/groups/s3/LogDelivery"
  }
}

resource "aws_s3_bucket" "replica" {
  provider = aws.replica
  bucket   = "acme-shared-replica"

  grant {
    id          = var.partner_canonical_id
    type        = "CanonicalUser"
    permissions = ["READ"]
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
