# A deployment: it configures its provider (a module to be called would be left alone).
provider "aws" {
  region = "eu-west-1"
}

variable "backups" {
  type    = bool
  default = false
}

variable "table_key_arn" {
  type    = string
  default = "arn:aws:kms:eu-west-1:111122223333:key/1234abcd-12ab-34cd-56ef-1234567890ab"
}

variable "recovery" {
  type = list(object({ days = number }))
}

resource "aws_dynamodb_table" "carts" {
  name                        = "carts"
  billing_mode                = "PAY_PER_REQUEST"
  hash_key                    = "id"
  deletion_protection_enabled = true

  attribute {
    name = "id"
    type = "S"
  }

  dynamic "point_in_time_recovery" {
    for_each = var.backups ? [1] : []

    content {
      enabled = true
    }
  }

  dynamic "server_side_encryption" {
    for_each = var.table_key_arn == null ? [] : [var.table_key_arn]

    content {
      enabled     = true
      kms_key_arn = server_side_encryption.value
    }
  }
}

resource "aws_dynamodb_table" "wishlists" {
  name                        = "wishlists"
  billing_mode                = "PAY_PER_REQUEST"
  hash_key                    = "id"
  deletion_protection_enabled = false

  dynamic "attribute" {
    for_each = ["id"]

    content {
      name = attribute.value
      type = "S"
    }
  }

  dynamic "point_in_time_recovery" {
    for_each = var.recovery
    iterator = pitr

    content {
      enabled                 = false
      recovery_period_in_days = pitr.value.days
    }
  }

  server_side_encryption {
    enabled = true
  }
}
