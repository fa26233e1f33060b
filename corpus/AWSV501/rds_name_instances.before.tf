# Reads of the removed attribute through an instance key or a splat read db_name too.
resource "aws_db_instance" "replica" {
  count             = 1
  name              = "app"
  engine            = "postgres"
  instance_class    = "db.t3.micro"
  allocated_storage = 20
}

output "replica" {
  value = [aws_db_instance.replica[0].name, aws_db_instance.replica[*].name, aws_db_instance.replica[0].identifier]
}
