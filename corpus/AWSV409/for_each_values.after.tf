variable "sites" {
  type = map(object({
    origin = string
    index  = string
    payer  = string
  }))
}

resource "aws_s3_bucket" "sites" {
  for_each = var.sites

  bucket = each.key

  cors_rule {
    allowed_methods = ["GET"]
    allowed_origins = [each.value.origin]
  }

  website {
    index_document = each.value.index
  }

  acceleration_status = "Enabled"
}

resource "aws_s3_bucket_request_payment_configuration" "sites" {
  for_each = var.sites

  bucket = aws_s3_bucket.sites[each.key].id
  payer  = each.value.payer
}

terraform {
  required_providers {
    aws = {
      source  = "hashicorp/aws"
      version = ">= 3.75"
    }
  }
}
