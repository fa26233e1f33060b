resource "aws_s3_bucket" "data" {
  bucket = "example-data"
}

resource "aws_s3_bucket" "logs" {
  bucket = "example-logs"
}

resource "aws_s3_bucket_server_side_encryption_configuration" "this" {
  bucket = aws_s3_bucket.data.id

  rule {
    apply_server_side_encryption_by_default {
      sse_algorithm = "aws:kms"
    }
  }
}

# Written by a model: the type never existed, and the label is the one above.
resource "aws_s3_bucket_server_side_encryption_configuration" "logs" {
  bucket = aws_s3_bucket.logs.id

  rule {
    apply_server_side_encryption_by_default {
      sse_algorithm = "AES256"
    }
  }
}

resource "aws_s3_bucket_logging" "data" {
  bucket        = aws_s3_bucket.data.id
  target_bucket = aws_s3_bucket.logs.id
  target_prefix = "data/"

  depends_on = [aws_s3_bucket_server_side_encryption_configuration.logs]
}

output "encryption" {
  value = {
    data = aws_s3_bucket_server_side_encryption_configuration.this.id
    logs = aws_s3_bucket_server_side_encryption_configuration.logs.id
  }
}
