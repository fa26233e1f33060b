resource "aws_s3_bucket_server_side_encryption_configuration" "artifacts" {
  bucket = "artifacts"

  rule {
    bucket_key_enabled = true
  }
}

resource "aws_s3_bucket_encryption_configuration" "artifacts" {
  bucket = "artifacts"
}
