# Reads of the removed name the rename cannot follow (through a for-expression's
# variable, or values(...)[*]) are reported; the direct read is rewritten.
terraform {
  required_providers {
    aws = {
      source  = "hashicorp/aws"
      version = "~> 4.0"
    }
  }
}

variable "dbs" {
  type    = set(string)
  default = ["orders", "users"]
}

resource "aws_db_instance" "db" {
  for_each            = var.dbs
  identifier          = each.key
  name                = each.key
  engine              = "postgres"
  instance_class      = "db.t3.micro"
  allocated_storage   = 20
  username            = "app"
  password            = "change-me-please"
  skip_final_snapshot = true
}

output "db_name_direct" {
  value = aws_db_instance.db["orders"].name
}

output "db_names" {
  value = { for d in aws_db_instance.db : d.identifier => d.name }
}

output "db_names_values" {
  value = [for k, d in aws_db_instance.db : d.name]
}

output "db_names_splat" {
  value = values(aws_db_instance.db)[*].name
}
