# A module on provider 4.x, ready for the v5 upgrade: the new names exist.
terraform {
  required_providers {
    aws = {
      source  = "hashicorp/aws"
      version = "~> 4.67"
    }
  }
}

resource "aws_db_instance" "app" {
  allocated_storage = 20
  engine            = "postgres"
  instance_class    = "db.t3.micro"
  name              = "app"
  username          = "app"
  password          = var.db_password
}

output "database_name" {
  value = aws_db_instance.app.name
}
