# A module made to be called: no provider or backend, and an input without a
# default. Companions added here would change every caller's buckets with no
# way to opt out (versioning can only be suspended once on), so each bucket
# is reported with the inputs to add; what the module already takes from an
# input (versioning of `this`) is the callers' choice.
variable "bucket_name" {
  type = string
}

variable "versioning" {
  type    = bool
  default = true
}

resource "aws_s3_bucket" "this" {
  bucket = var.bucket_name
}

resource "aws_s3_bucket_versioning" "this" {
  bucket = aws_s3_bucket.this.id

  versioning_configuration {
    status = var.versioning ? "Enabled" : "Suspended"
  }
}

resource "aws_s3_bucket" "logs" {
  bucket = "${var.bucket_name}-logs"
}
