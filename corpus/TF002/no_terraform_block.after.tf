terraform {
  backend "s3" {
    # bucket, key and region: terraform init -backend-config=...
  }
}

# Seed stack: providers and resources, no terraform block.
provider "aws" {
  region = "us-east-1"
}

resource "aws_sqs_queue" "jobs" {
  name = "jobs"
}
