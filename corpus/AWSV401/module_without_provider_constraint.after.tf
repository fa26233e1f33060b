# A module made to be called (an input without a default, no provider of its
# own) that states no AWS provider version: its callers' provider may predate
# aws_s3_bucket_versioning (3.75), so the split is reported, not made.
variable "bucket_name" {
  type = string
}

resource "aws_s3_bucket" "this" {
  bucket = var.bucket_name

  versioning {
    enabled = true
  }
}
