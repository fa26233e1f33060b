variable "environment" {
  type    = string
  default = "dev"
}

resource "aws_s3_bucket" "artifacts" {
  bucket = "artifacts-${var.environment}"
}

resource "aws_sns_topic" "alerts" {
  name = "alerts"
}
