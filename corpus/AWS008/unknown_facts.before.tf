# A deployment: it configures its provider.
provider "aws" {
  region = "eu-west-1"
}

variable "grantee_group" {
  description = "URI of the group the shared bucket grants READ to"
  type        = string
}

# Which group the grant names is the caller's: possibly everyone.
resource "aws_s3_bucket" "shared" {
  bucket = "acme-shared-reports"
}

resource "aws_s3_bucket_acl" "shared" {
  bucket = aws_s3_bucket.shared.id

  access_control_policy {
    grant {
      grantee {
        type = "Group"
        uri  = var.grantee_group
      }
      permission = "READ"
    }

    owner {
      id = data.aws_canonical_user_id.current.id
    }
  }
}

data "aws_canonical_user_id" "current" {}

# A lifecycle configuration that may apply to this bucket (named by a module that was
# given the bucket) expires objects: versioning would keep them.
resource "aws_s3_bucket" "staging" {
  bucket = "acme-staging"
}

module "retention" {
  source = "./retention"
  bucket = aws_s3_bucket.staging.bucket
}

resource "aws_s3_bucket_lifecycle_configuration" "cleanup" {
  bucket = module.retention.bucket

  rule {
    id     = "cleanup"
    status = "Enabled"

    filter {}

    expiration {
      days = 3
    }
  }
}
