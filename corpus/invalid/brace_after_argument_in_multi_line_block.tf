# An argument closed by "}" on its own line inside a multi-line block.
resource "aws_s3_bucket_versioning" "v" {
  bucket = "b"
  versioning_configuration {
    status = "Enabled"}
}
