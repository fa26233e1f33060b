variable "buckets" {
  type    = list(string)
  default = ["logs", "data"]
}

resource "aws_s3_bucket" "b" {
  count  = length(var.buckets)
  bucket = var.buckets[count.index]
}

resource "aws_s3_bucket_encryption_configuration" "b" {
  count  = length(var.buckets)
  bucket = aws_s3_bucket.b[count.index].id

  rule {
    apply_server_side_encryption_by_default {
      sse_algorithm = "AES256"
    }
  }
}

import {
  to = aws_s3_bucket_encryption_configuration.b[0]
  id = "logs"
}

locals {
  first_rule  = aws_s3_bucket_encryption_configuration.b[0].rule
  all_buckets = aws_s3_bucket_encryption_configuration.b[*].bucket
  legacy      = aws_s3_bucket_encryption_configuration.b.*.id
  by_bucket   = { for c in aws_s3_bucket_encryption_configuration.b : c.bucket => c.id }
  message     = <<-EOT
    Encrypted: %{for c in aws_s3_bucket_encryption_configuration.b}${c.bucket} %{endfor}
  EOT
}
