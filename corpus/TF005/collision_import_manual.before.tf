terraform {
  required_version = ">= 1.7.0"
}

resource "aws_s3_bucket" "docs" {
  bucket = "example-docs"
}

resource "aws_s3_object" "readme" {
  bucket  = aws_s3_bucket.docs.id
  key     = "README.md"
  content = "# Docs\n"
}

# The German translation, written with the provider's old type and the same label.
resource "aws_s3_bucket_object" "readme" {
  bucket  = aws_s3_bucket.docs.id
  key     = "de/README.md"
  content = "# Dokumentation\n"
}

resource "aws_s3_object" "index" {
  bucket = aws_s3_bucket.docs.id
  key    = "index.json"
  content = jsonencode({
    en = aws_s3_object.readme.key
    de = aws_s3_bucket_object.readme.key
  })
}
