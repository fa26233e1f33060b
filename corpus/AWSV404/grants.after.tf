data "aws_canonical_user_id" "current_user" {}

resource "aws_s3_bucket" "shared" {
  bucket = "acme-shared"

  lifecycle {
    ignore_changes = [acl, grant]
  }
}

resource "aws_s3_bucket_ownership_controls" "shared" {
  bucket = aws_s3_bucket.shared.id

  rule {
    object_ownership = "ObjectWriter"
  }
}

resource "aws_s3_bucket_acl" "shared" {
  bucket = aws_s3_bucket.shared.id

  access_control_policy {
    grant {
      grantee {
        id   = data.aws_canonical_user_id.current_user.id
        type = "CanonicalUser"
      }
      permission = "FULL_CONTROL"
    }

    grant {
      grantee {
        type = "Group"
        uri  = "http://acs.amazonaws.com/groups/s3/LogDelivery"
      }
      permission = "READ_ACP"
    }

    grant {
      grantee {
        type = "Group"
        uri  = "http://acs.amazonaws.com/groups/s3/LogDelivery"
      }
      permission = "WRITE"
    }

    owner {
      id = data.aws_canonical_user_id.current_user.id
    }
  }

  depends_on = [aws_s3_bucket_ownership_controls.shared]
}

data "aws_canonical_user_id" "replica" {
  provider = aws.replica
}

resource "aws_s3_bucket" "replica" {
  provider = aws.replica
  bucket   = "acme-shared-replica"

  lifecycle {
    ignore_changes = [acl, grant]
  }
}

resource "aws_s3_bucket_ownership_controls" "replica" {
  provider = aws.replica

  bucket = aws_s3_bucket.replica.id

  rule {
    object_ownership = "ObjectWriter"
  }
}

resource "aws_s3_bucket_acl" "replica" {
  provider = aws.replica

  bucket = aws_s3_bucket.replica.id

  access_control_policy {
    grant {
      grantee {
        id   = var.partner_canonical_id
        type = "CanonicalUser"
      }
      permission = "READ"
    }

    owner {
      id = data.aws_canonical_user_id.replica.id
    }
  }

  depends_on = [aws_s3_bucket_ownership_controls.replica]
}

terraform {
  required_providers {
    aws = {
      source  = "hashicorp/aws"
      version = ">= 3.75"
    }
  }
}
