# Bucket settings made by commands, not resources: S3 keeps one configuration of
# each kind per bucket, so a companion added beside the command would fight it.

provider "aws" {
  region = "eu-west-1"
}

variable "shared_bucket" {
  type    = string
  default = "team-shared"
}

locals {
  block_public = "aws s3api put-public-access-block --bucket ${aws_s3_bucket.blocked.id} --public-access-block-configuration BlockPublicAcls=true,IgnorePublicAcls=true,BlockPublicPolicy=true,RestrictPublicBuckets=true"
}

# terraform_data, the bucket through self.input
resource "aws_s3_bucket" "versioned" {
  bucket = "oob-versioned"
}

resource "terraform_data" "versioning" {
  input = aws_s3_bucket.versioned.id

  provisioner "local-exec" {
    command = "aws s3api put-bucket-versioning --bucket ${self.input} --versioning-configuration Status=Enabled"
  }
}

# an environment variable, in a heredoc with several commands
resource "aws_s3_bucket" "encrypted" {
  bucket = "oob-encrypted"
}

resource "null_resource" "encryption" {
  triggers = {
    bucket = aws_s3_bucket.encrypted.bucket
  }

  provisioner "local-exec" {
    command = <<-EOT
      set -e
      aws s3api put-bucket-encryption \
        --bucket "$BUCKET" \
        --server-side-encryption-configuration file://sse.json
    EOT
    environment = {
      BUCKET = self.triggers.bucket
    }
  }
}

# the command kept in a local
resource "aws_s3_bucket" "blocked" {
  bucket = "oob-blocked"
}

resource "null_resource" "block_public" {
  provisioner "local-exec" {
    command = local.block_public
  }
}

# boto3 sets the policy: possibly public, so no public access block and SSE-S3
resource "aws_s3_bucket" "policy" {
  bucket = "oob-policy"
}

resource "null_resource" "policy" {
  provisioner "local-exec" {
    interpreter = ["python3", "-c"]
    command     = "import boto3, json; boto3.client('s3').put_bucket_policy(Bucket='${aws_s3_bucket.policy.id}', Policy=open('policy.json').read())"
  }
}

# a provisioner of the bucket itself
resource "aws_s3_bucket" "self_lifecycle" {
  bucket = "oob-self-lifecycle"

  provisioner "local-exec" {
    command = "aws s3api put-bucket-lifecycle-configuration --bucket ${self.id} --lifecycle-configuration file://lifecycle.json"
  }
}

# one command per bucket instance
resource "aws_s3_bucket" "each" {
  for_each = toset(["one", "two"])

  bucket = "oob-each-${each.key}"
}

resource "null_resource" "each_lifecycle" {
  for_each = aws_s3_bucket.each

  provisioner "local-exec" {
    command = "aws s3api put-bucket-lifecycle-configuration --bucket ${each.value.id} --lifecycle-configuration file://lifecycle.json"
  }
}

# commands for other buckets, and one whose bucket the module does not show
resource "aws_s3_bucket" "other" {
  bucket = "oob-other"
}

resource "null_resource" "elsewhere" {
  provisioner "local-exec" {
    command = "aws s3api put-bucket-versioning --bucket some-other-bucket --versioning-configuration Status=Enabled && aws s3control put-public-access-block --account-id 123456789012 --public-access-block-configuration BlockPublicAcls=true"
  }
}

resource "null_resource" "caller_bucket" {
  provisioner "local-exec" {
    command = "aws s3api put-bucket-encryption --bucket ${var.shared_bucket} --server-side-encryption-configuration file://sse.json"
  }
}

# server access logs of one bucket delivered to another by a command
resource "aws_s3_bucket" "source" {
  bucket = "oob-source"
}

resource "aws_s3_bucket" "access_logs" {
  bucket = "oob-access-logs"
}

resource "null_resource" "logging" {
  provisioner "local-exec" {
    command = "aws s3api put-bucket-logging --bucket ${aws_s3_bucket.source.id} --bucket-logging-status '{\"LoggingEnabled\":{\"TargetBucket\":\"${aws_s3_bucket.access_logs.id}\",\"TargetPrefix\":\"source/\"}}'"
  }
}
