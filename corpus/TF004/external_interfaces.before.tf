# A deployed root. Some resources exist to be used from outside the module by their
# name: a cluster where services and tasks run, an instance profile that instances
# are launched with, an alias applications name their key by. Replacing them (a new
# name forces a new one) breaks those users, which the module cannot show.
terraform {
  backend "s3" {}
}

variable "project_name" {
  default = "shop"
}

resource "aws_ecs_cluster" "main" {
  name = "${var.project_name}-cluster"
}

resource "aws_iam_role" "node" {
  name = "${var.project_name}-node"
  assume_role_policy = jsonencode({
    Version   = "2012-10-17"
    Statement = [{ Effect = "Allow", Action = "sts:AssumeRole", Principal = { Service = "ec2.amazonaws.com" } }]
  })
}

resource "aws_iam_instance_profile" "node" {
  name = "${var.project_name}-node"
  role = aws_iam_role.node.name
}

resource "aws_kms_key" "data" {
  enable_key_rotation = true
}

resource "aws_kms_alias" "data" {
  name          = "alias/${var.project_name}-data"
  target_key_id = aws_kms_key.data.key_id
}
