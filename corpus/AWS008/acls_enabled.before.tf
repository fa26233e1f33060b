# Ownership controls that enable ACLs (BucketOwnerPreferred, ObjectWriter):
# objects may be written with public ACLs (a web app uploading public-read
# files), which a public access block would refuse or ignore, and writers of
# other accounts may not use the AWS managed key: who writes is a fact the
# module does not show. No block, SSE-S3, a finding. With BucketOwnerEnforced
# ACLs are off, and the bucket gets its companions.
provider "aws" {
  region = "eu-west-1"
}

resource "aws_s3_bucket" "media" {
  bucket = "acme-user-media-123"
}

resource "aws_s3_bucket_ownership_controls" "media" {
  bucket = aws_s3_bucket.media.id
  rule {
    object_ownership = "BucketOwnerPreferred"
  }
}

resource "aws_s3_bucket_acl" "media" {
  depends_on = [aws_s3_bucket_ownership_controls.media]
  bucket     = aws_s3_bucket.media.id
  acl        = "private"
}

resource "aws_s3_bucket_cors_configuration" "media" {
  bucket = aws_s3_bucket.media.id
  cors_rule {
    allowed_methods = ["GET", "PUT"]
    allowed_origins = ["https://app.example.com"]
    allowed_headers = ["*"]
  }
}

resource "aws_s3_bucket" "enforced" {
  bucket = "acme-enforced-123"
}

resource "aws_s3_bucket_ownership_controls" "enforced" {
  bucket = aws_s3_bucket.enforced.id

  rule {
    object_ownership = "BucketOwnerEnforced"
  }
}
