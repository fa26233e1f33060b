# The module's own policy lets the CI role touch exactly the state object: with S3
# native locking every run also writes and deletes <key>.tflock, which it may not.
terraform {
  required_version = ">= 1.10"

  backend "s3" {
    bucket  = "example-tfstate"
    key     = "apps/web/terraform.tfstate"
    region  = "eu-west-1"
    encrypt = true
  }
}

provider "aws" {
  region = "eu-west-1"
}

resource "aws_iam_role_policy" "ci_state" {
  role = "ci"
  policy = jsonencode({
    Version = "2012-10-17"
    Statement = [
      { Effect = "Allow", Action = ["s3:ListBucket"], Resource = "arn:aws:s3:::example-tfstate" },
      { Effect = "Allow", Action = ["s3:GetObject", "s3:PutObject"], Resource = "arn:aws:s3:::example-tfstate/apps/web/terraform.tfstate" },
    ]
  })
}
