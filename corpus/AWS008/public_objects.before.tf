provider "aws" {}

# Objects written with a public canned ACL: public on purpose, object by object.
resource "aws_s3_bucket" "assets" {
  bucket = "example-assets"
}

resource "aws_s3_object" "logo" {
  for_each = toset(["logo.png", "favicon.ico"])
  bucket   = aws_s3_bucket.assets.id
  key      = each.key
  source   = each.key
  acl      = "public-read"
}

# An object ACL from an input: callers may make it public.
resource "aws_s3_bucket" "media" {
  bucket = "example-media"
}

variable "object_acl" {
  type    = string
  default = "private"
}

resource "aws_s3_object" "clip" {
  bucket = aws_s3_bucket.media.id
  key    = "clip.mp4"
  source = "clip.mp4"
  acl    = var.object_acl
}

# Private object ACLs: nothing public.
resource "aws_s3_bucket" "reports" {
  bucket = "example-reports"
}

resource "aws_s3_object" "report" {
  bucket = aws_s3_bucket.reports.id
  key    = "report.csv"
  source = "report.csv"
  acl    = "bucket-owner-full-control"
}

# Objects uploaded public by commands.
resource "aws_s3_bucket" "downloads" {
  bucket = "example-downloads"
}

resource "aws_s3_bucket" "docs" {
  bucket = "example-docs"
}

resource "aws_s3_bucket" "builds" {
  bucket = "example-builds"
}

resource "null_resource" "publish" {
  provisioner "local-exec" {
    command = "aws s3 sync ./dist s3://${aws_s3_bucket.downloads.bucket}/ --acl public-read --delete"
  }

  provisioner "local-exec" {
    command = "aws s3 cp ./docs s3://${aws_s3_bucket.docs.bucket}/ --recursive --grants read=uri=http://acs.amazonaws.com/groups/global/AllUsers"
  }

  provisioner "local-exec" {
    command = "aws s3 cp ./build.zip s3://${aws_s3_bucket.builds.bucket}/build.zip --acl bucket-owner-full-control"
  }
}
