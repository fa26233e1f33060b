data "aws_iam_policy_document" "read" {
  statement {
    actions   = ["s3:GetObject"]
    resources = ["arn:aws:s3:::acme-assets/*"]

    principals {
      type        = "AWS"
      identifiers = ["arn:aws:iam::123456789012:root"]
    }
  }
}

resource "aws_s3_bucket" "assets" {
  bucket = "acme-assets"

  lifecycle {
    ignore_changes = [policy]
  }
}

resource "aws_s3_bucket_policy" "assets" {
  bucket = aws_s3_bucket.assets.id
  policy = data.aws_iam_policy_document.read.json
}

output "assets_policy" {
  value = aws_s3_bucket_policy.assets.policy
}

output "policy_hash" {
  value = sha256(aws_s3_bucket_policy.assets.policy)
}
