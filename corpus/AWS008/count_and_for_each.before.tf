# A deployment: it configures its provider.
provider "aws" {
  region = "eu-west-1"
}

resource "aws_s3_bucket" "logs" {
  count  = var.enable_logs ? 1 : 0
  bucket = "logs"
}

resource "aws_s3_bucket" "per_env" {
  for_each = toset(var.environments)

  bucket = "data-${each.key}"
}
