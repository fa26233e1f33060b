# Written for Terraform 0.11 (review round 6): references only inside "${...}",
# depends_on quoted as 0.11 required (an error since Terraform 0.15), nothing that
# needs 0.12. The moved policy would be written with bare references, which
# Terraform 0.11 cannot parse: reported instead.
variable "env" {}

resource "aws_iam_role" "deployer" {
  name               = "site-deployer-${var.env}"
  assume_role_policy = "{}"
}

resource "aws_s3_bucket" "site" {
  bucket = "site-${var.env}"
  acl    = "public-read"
  policy = <<POLICY
{
  "Version": "2012-10-17",
  "Statement": [
    {
      "Effect": "Allow",
      "Principal": "*",
      "Action": "s3:GetObject",
      "Resource": "arn:aws:s3:::site-${var.env}/*"
    }
  ]
}
POLICY

  website {
    index_document = "index.html"
  }

  depends_on = ["aws_iam_role.deployer"]
}
