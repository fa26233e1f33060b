# Buckets the module empties with a command before Terraform deletes them. On a
# versioned bucket those commands delete only the current versions (S3 writes
# delete markers), so DeleteBucket would fail with BucketNotEmpty: no
# versioning there, a finding instead. force_destroy, a command that deletes
# versions too, or one that runs at create time leave versioning addable.
provider "aws" {
  region = "eu-west-1"
}

resource "aws_s3_bucket" "assets" {
  bucket = "assets-example-1234"
}

resource "null_resource" "assets_empty" {
  triggers = {
    bucket = aws_s3_bucket.assets.bucket
  }

  provisioner "local-exec" {
    when    = destroy
    command = "aws s3 rm s3://${self.triggers.bucket} --recursive"
  }
}

resource "aws_s3_bucket" "removed" {
  bucket = "removed-example-1234"
}

resource "terraform_data" "removed_empty" {
  input = aws_s3_bucket.removed.id

  provisioner "local-exec" {
    when    = destroy
    command = "aws s3 rb s3://${self.input} --force"
  }
}

resource "aws_s3_bucket" "python" {
  bucket = "python-example-1234"
}

resource "terraform_data" "python_empty" {
  input = aws_s3_bucket.python.id

  provisioner "local-exec" {
    when    = destroy
    command = "python3 -c \"import boto3; boto3.resource('s3').Bucket('${self.input}').objects.all().delete()\""
  }
}

resource "aws_s3_bucket" "forced" {
  bucket        = "forced-example-1234"
  force_destroy = true
}

resource "null_resource" "forced_empty" {
  triggers = {
    bucket = aws_s3_bucket.forced.bucket
  }

  provisioner "local-exec" {
    when    = destroy
    command = "aws s3 rm s3://${self.triggers.bucket} --recursive"
  }
}

resource "aws_s3_bucket" "versions" {
  bucket = "versions-example-1234"
}

resource "terraform_data" "versions_empty" {
  input = aws_s3_bucket.versions.id

  provisioner "local-exec" {
    when    = destroy
    command = "python3 -c \"import boto3; boto3.resource('s3').Bucket('${self.input}').object_versions.delete()\""
  }
}

resource "aws_s3_bucket" "cleared" {
  bucket = "cleared-example-1234"
}

resource "null_resource" "cleared_on_create" {
  triggers = {
    bucket = aws_s3_bucket.cleared.bucket
  }

  provisioner "local-exec" {
    command = "aws s3 rm s3://${self.triggers.bucket} --recursive"
  }
}
