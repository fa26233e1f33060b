resource "aws_s3_bucket" "artifacts" {
  bucket = "pipeline-artifacts"
}

# Encrypt artifacts with the pipeline key.
resource "aws_s3_bucket_server_side_encryption_configuration" "artifacts" {
  bucket = aws_s3_bucket.artifacts.id

  rule {
    apply_server_side_encryption_by_default {
      kms_master_key_id = aws_kms_key.pipeline_key.arn
      sse_algorithm     = "aws:kms"
    }
  }
}

resource "aws_kms_key" "pipeline_key" {
  description = "pipeline"
}

resource "aws_s3_bucket_versioning" "artifacts" {
  bucket = aws_s3_bucket.artifacts.id

  versioning_configuration {
    status = "Enabled"
  }

  depends_on = [aws_s3_bucket_server_side_encryption_configuration.artifacts]
}

output "encryption_rule" {
  description = "Encryption of ${aws_s3_bucket_server_side_encryption_configuration.artifacts.bucket}"
  value       = aws_s3_bucket_server_side_encryption_configuration.artifacts.rule
}
