variable "sites" {
  type = map(object({
    origin = string
    index  = string
    payer  = string
  }))
}

resource "aws_s3_bucket" "sites" {
  for_each = var.sites

  bucket        = each.key
  request_payer = each.value.payer

  cors_rule {
    allowed_methods = ["GET"]
    allowed_origins = [each.value.origin]
  }

  website {
    index_document = each.value.index
  }

  acceleration_status = "Enabled"
}

terraform {
  required_providers {
    aws = {
      source  = "hashicorp/aws"
      version = ">= 3.75"
    }
  }
}
