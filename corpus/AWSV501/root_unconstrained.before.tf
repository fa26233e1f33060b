# A root module that states no AWS provider version: a fresh init installs the
# newest provider, where name is gone and db_name is the argument.
provider "aws" {
  region = "us-east-1"
}

resource "aws_db_instance" "default" {
  allocated_storage   = 10
  engine              = "postgres"
  instance_class      = "db.t3.micro"
  name                = "app"
  username            = "app"
  password            = "change-me-please"
  skip_final_snapshot = true
}

output "database" {
  value = aws_db_instance.default.name
}
