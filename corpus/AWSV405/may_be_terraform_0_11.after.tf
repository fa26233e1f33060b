variable "bucket_name" {
  type = "string"
}

resource "aws_s3_bucket" "site" {
  bucket = "${var.bucket_name}"
  acl    = "public-read"
  policy = <<POLICY
{
  "Version": "2012-10-17",
  "Statement": [
    {
      "Effect": "Allow",
      "Principal": "*",
      "Action": "s3:GetObject",
      "Resource": "arn:aws:s3:::${var.bucket_name}/*"
    }
  ]
}
POLICY
  website {
    index_document = "index.html"
  }
}
