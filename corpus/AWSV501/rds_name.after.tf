resource "aws_db_instance" "app" {
  allocated_storage = 20
  engine            = "postgres"
  instance_class    = "db.t3.micro"
  db_name           = "app"
  username          = "app"
  password          = var.db_password
}

output "database_name" {
  value = aws_db_instance.app.db_name
}
