# A reusable module: its callers own the backend.
terraform {
  required_providers {
    aws = {
      source = "hashicorp/aws"
    }
  }
}

variable "name" {
  type = string
}

resource "aws_sqs_queue" "this" {
  name = var.name
}
