# A count bucket whose ACL differs per index and can be "private": left for a person,
# with advice Terraform accepts (count cannot read count.index, so the resources take
# a for_each over the indexes whose ACL is not private).
terraform {
  required_providers {
    aws = {
      source  = "hashicorp/aws"
      version = "~> 4.0"
    }
  }
}

provider "aws" {
  region = "eu-west-1"
}

variable "acls" {
  type    = list(string)
  default = ["private", "log-delivery-write"]
}

resource "aws_s3_bucket" "logs" {
  count  = 2
  bucket = "example-logs-${count.index}"
  acl    = var.acls[count.index]
}
