# Written in the old style (a quoted type, references as whole interpolations), but an
# interpolation reads an attribute after an index, which Terraform 0.11 cannot parse
# (it writes versioning.0.enabled): the module is 0.12 code, and the split is made.
variable "name" {
  type = "string"
}

provider "aws" {
  region = "eu-west-1"
}

resource "aws_s3_bucket" "bucket" {
  bucket = "${var.name}"
}

resource "aws_s3_bucket_versioning" "bucket" {
  bucket = aws_s3_bucket.bucket.id

  versioning_configuration {
    status = "Enabled"
  }
}

output "versioning_enabled" {
  value = "${(aws_s3_bucket_versioning.bucket.versioning_configuration[0].status == "Enabled")}"
}
