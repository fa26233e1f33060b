# Terraform 0.11 accepted a block written as an argument; 0.12 and later refuse it.
resource "aws_s3_bucket" "archive" {
  bucket = "acme-archive"
  acl    = "private"

  lifecycle_rule = {
    id      = "archive"
    enabled = true

    transition = {
      days          = 30
      storage_class = "GLACIER"
    }
  }
}
