# A module on provider 4.x, ready for the v5 upgrade: the new names exist.
terraform {
  required_providers {
    aws = {
      source  = "hashicorp/aws"
      version = "~> 4.67"
    }
  }
}

resource "aws_db_instance" "legacy" {
  allocated_storage = 20
  engine            = "mysql"
  instance_class    = "db.t3.micro"
  name              = "legacy"
  db_name           = "legacy"
  username          = "admin"
  password          = var.db_password
}

resource "aws_db_instance" "modern" {
  allocated_storage = 20
  engine            = "mysql"
  instance_class    = "db.t3.micro"
  db_name           = "modern"
  username          = "admin"
  password          = var.db_password
}
