# A deployed root. An ECS cluster that EC2 container instances register to cannot be
# deleted while they are registered (and a service that may run on EC2 may have them):
# it keeps its name, with a finding. A Fargate-only cluster is renamed.
terraform {
  backend "s3" {}
}

variable "project_name" {
  default = "shop"
}

resource "aws_ecs_cluster" "ec2" {
  name = "${var.project_name}-ec2"
}

resource "aws_launch_template" "ecs" {
  name_prefix = "ecs-"
  image_id    = "ami-0123456789abcdef0"
  user_data = base64encode(templatefile("${path.module}/user_data.sh", {
    cluster = aws_ecs_cluster.ec2.name
  }))
}

resource "aws_ecs_cluster" "default_launch" {
  name = "${var.project_name}-default"
}

resource "aws_ecs_service" "default_launch" {
  name            = "api"
  cluster         = aws_ecs_cluster.default_launch.id
  task_definition = "api:1"
  desired_count   = 1
}

resource "aws_ecs_cluster" "fargate" {
  name = "${var.project_name}-fargate"
}

resource "aws_ecs_cluster_capacity_providers" "fargate" {
  cluster_name       = aws_ecs_cluster.fargate.name
  capacity_providers = ["FARGATE", "FARGATE_SPOT"]
}

resource "aws_ecs_service" "fargate" {
  name            = "web"
  cluster         = aws_ecs_cluster.fargate.id
  task_definition = "web:1"
  desired_count   = 1
  launch_type     = "FARGATE"
}
