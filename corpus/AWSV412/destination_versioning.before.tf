provider "aws" {
  alias  = "replica"
  region = "eu-central-1"
}

resource "aws_s3_bucket" "source" {
  bucket = "example-source-bucket-123456"

  # Replicates every object to the replica region.
  replication_configuration {
    role = aws_iam_role.replication.arn

    rules {
      id     = "all"
      status = "Enabled"

      destination {
        bucket        = aws_s3_bucket.replica.arn
        storage_class = "STANDARD"
      }
    }
  }
}

resource "aws_s3_bucket_versioning" "source" {
  bucket = aws_s3_bucket.source.id

  versioning_configuration {
    status = "Enabled"
  }
}

resource "aws_s3_bucket" "replica" {
  provider = aws.replica
  bucket   = "example-replica-bucket-123456"
}

resource "aws_s3_bucket_versioning" "replica" {
  provider = aws.replica
  bucket   = aws_s3_bucket.replica.id

  versioning_configuration {
    status = "Enabled"
  }
}

resource "aws_s3_bucket" "regional" {
  for_each = toset(["a", "b"])
  bucket   = "example-regional-${each.key}"

  replication_configuration {
    role = aws_iam_role.replication.arn

    rules {
      id     = "all"
      status = "Enabled"

      destination {
        bucket = aws_s3_bucket.copies[each.key].arn
      }
    }
  }
}

resource "aws_s3_bucket_versioning" "regional" {
  for_each = aws_s3_bucket.regional
  bucket   = aws_s3_bucket.regional[each.key].id

  versioning_configuration {
    status = "Enabled"
  }
}

resource "aws_s3_bucket" "copies" {
  for_each = toset(["a", "b"])
  provider = aws.replica
  bucket   = "example-copies-${each.key}"
}

resource "aws_s3_bucket_versioning" "copies" {
  for_each = aws_s3_bucket.copies
  provider = aws.replica
  bucket   = aws_s3_bucket.copies[each.key].id

  versioning_configuration {
    status = "Enabled"
  }
}

resource "aws_iam_role" "replication" {
  name               = "example-replication"
  assume_role_policy = "{}"
}
