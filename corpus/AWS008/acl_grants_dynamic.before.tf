# A deployment: it configures its provider.
provider "aws" {
  region = "eu-west-1"
}

variable "public_permissions" {
  description = "What anyone on the internet may do with the downloads bucket"
  type        = set(string)
  default     = ["READ"]
}

resource "aws_s3_bucket" "downloads" {
  bucket = "example-downloads"
}

resource "aws_s3_bucket_acl" "downloads" {
  bucket = "example-downloads"

  access_control_policy {
    dynamic "grant" {
      for_each = var.public_permissions
      content {
        grantee {
          type = "Group"
          uri  = "http://acs.amazonaws.com/groups/global/AllUsers"
        }
        permission = grant.value
      }
    }

    owner {
      id = var.owner_canonical_id
    }
  }
}

resource "aws_s3_bucket" "legacy" {
  bucket = "example-legacy-shared"
  acl    = "authenticated-read"
}

variable "owner_canonical_id" {
  type = string
}
