# A module made to be called (a required input, no provider of its own) that
# states no AWS provider version: its callers may run 3.x, where db_name does
# not exist yet, so the rename is reported, not made.
variable "db_password" {
  type = string
}

resource "aws_db_instance" "default" {
  allocated_storage   = 10
  engine              = "postgres"
  instance_class      = "db.t3.micro"
  name                = "app"
  username            = "app"
  password            = var.db_password
  skip_final_snapshot = true
}
