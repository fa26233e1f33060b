# A nested block whose "}" is followed by the outer block's "}" on the same line.
resource "aws_s3_bucket_versioning" "v" {
  bucket = "b"
  versioning_configuration {
    status = "Enabled"
  }}
