# A root module written for Terraform 0.12-0.14: map() was removed in 0.15, so
# no Terraform that reads import blocks (1.5+) runs it; the imports are commands.
provider "aws" {
  region = "eu-west-1"
}

resource "aws_s3_bucket" "logs" {
  bucket = "acme-frontend-logs"
  acl    = "log-delivery-write"

  tags = merge(map("Name", "frontend logs"), { Team = "web" })
}
