# A deployment: it configures its provider (a module to be called would be left alone).
provider "aws" {
  region = "eu-west-1"
}

variable "environment" {
  type    = string
  default = "dev"
}

variable "pitr_enabled" {
  type    = bool
  default = false
}

variable "encrypt" {
  type = bool
}

variable "protect" {
  type    = bool
  default = true
}

locals {
  encrypt_sessions = true
}

resource "aws_kms_key" "main" {
  enable_key_rotation = true
}

resource "aws_dynamodb_table" "orders" {
  name                        = "orders"
  billing_mode                = "PAY_PER_REQUEST"
  hash_key                    = "id"
  deletion_protection_enabled = var.protect

  attribute {
    name = "id"
    type = "S"
  }

  point_in_time_recovery {
    enabled = var.pitr_enabled
  }

  server_side_encryption {
    enabled = var.encrypt
  }
}

resource "aws_dynamodb_table" "sessions" {
  name                        = "sessions"
  billing_mode                = "PAY_PER_REQUEST"
  hash_key                    = "id"
  deletion_protection_enabled = false

  attribute {
    name = "id"
    type = "S"
  }

  point_in_time_recovery {
    enabled = var.environment == "prod"
  }

  server_side_encryption {
    enabled = local.encrypt_sessions
  }
}
