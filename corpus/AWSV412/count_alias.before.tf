resource "aws_s3_bucket" "regional" {
  count    = 2
  provider = aws.primary
  bucket   = "acme-regional-${count.index}"

  versioning {
    enabled = true
  }

  replication_configuration {
    role = aws_iam_role.replication.arn

    rules {
      id     = "to-dr-${count.index}"
      status = "Enabled"

      filter {
        tags = {
          Tier = "gold"
        }
      }

      destination {
        bucket = aws_s3_bucket.dr[count.index].arn
      }
    }
  }
}

terraform {
  required_providers {
    aws = {
      source  = "hashicorp/aws"
      version = ">= 3.75"
    }
  }
}
