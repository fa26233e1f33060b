# Its callers pass it a provider configuration: a module made to be called.
terraform {
  required_providers {
    aws = {
      source                = "hashicorp/aws"
      configuration_aliases = [aws.replica]
    }
  }
}

variable "project_name" {
  type = string
}

resource "aws_s3_bucket" "replica" {
  provider = aws.replica
  bucket   = "${var.project_name}-replica"
}

resource "aws_sqs_queue" "events" {
  name = "events"
}
