# A module on provider 4.x, ready for the v5 upgrade: the new names exist.
terraform {
  required_providers {
    aws = {
      source  = "hashicorp/aws"
      version = "~> 4.67"
    }
  }
}

# Reads of the removed attribute through an instance key or a splat read db_name too.
resource "aws_db_instance" "replica" {
  count             = 1
  db_name           = "app"
  engine            = "postgres"
  instance_class    = "db.t3.micro"
  allocated_storage = 20
}

output "replica" {
  value = [aws_db_instance.replica[0].db_name, aws_db_instance.replica[*].db_name, aws_db_instance.replica[0].identifier]
}
