# A small stack in the shape of the incident report: a KMS key, a bucket
# encrypted with it, and a log group. tffix's codemods will fix what is
# missing here (key rotation, log retention, the bucket's companions).

resource "aws_kms_key" "main" {
  description             = "Key for the ${var.project_name} artifacts"
  deletion_window_in_days = 7
}

resource "aws_s3_bucket" "artifacts" {
  bucket = "${var.project_name}-artifacts"

  tags = {
    Project = var.project_name # who pays
  }
}

resource "aws_cloudwatch_log_group" "pipeline" {
  name       = "/aws/codebuild/${var.project_name}"
  kms_key_id = aws_kms_key.main.arn
}
