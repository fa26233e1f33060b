variable "retention_years" {
  type    = number
  default = 7
}

resource "aws_s3_bucket" "records" {
  count    = 2
  provider = aws.dr
  bucket   = "acme-records-${count.index}"

  object_lock_configuration {
    object_lock_enabled = "Enabled"

    rule {
      default_retention {
        mode  = "GOVERNANCE"
        years = var.retention_years
      }
    }
  }
}

terraform {
  required_providers {
    aws = {
      source  = "hashicorp/aws"
      version = ">= 4.5"
    }
  }
}
