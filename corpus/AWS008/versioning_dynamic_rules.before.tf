provider "aws" {
  region = "eu-west-1"
}

variable "rules" {
  type = list(object({ id = string, days = number }))
  default = [
    { id = "tmp", days = 30 },
  ]
}

# Its lifecycle rules are built from an input: whether one expires noncurrent
# versions is not shown, so versioning is reported instead of added.
resource "aws_s3_bucket" "exports" {
  bucket = "exports"
}

resource "aws_s3_bucket_lifecycle_configuration" "exports" {
  bucket = aws_s3_bucket.exports.id

  dynamic "rule" {
    for_each = var.rules

    content {
      id     = rule.value.id
      status = "Enabled"

      filter {
        prefix = "${rule.value.id}/"
      }

      transition {
        days          = rule.value.days
        storage_class = "GLACIER"
      }
    }
  }
}
