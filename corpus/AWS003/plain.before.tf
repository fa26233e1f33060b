resource "aws_kms_key" "pipeline_key" {
  description             = "KMS key for pipeline artifacts"
  deletion_window_in_days = 10
}
