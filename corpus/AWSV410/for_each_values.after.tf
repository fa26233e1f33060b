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

  acceleration_status = "Enabled"

  lifecycle {
    ignore_changes = [website]
  }
}

resource "aws_s3_bucket_website_configuration" "sites" {
  for_each = var.sites

  bucket = aws_s3_bucket.sites[each.key].id

  dynamic "index_document" {
    for_each = each.value.index == null ? [] : [each.value.index]

    content {
      suffix = index_document.value
    }
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
