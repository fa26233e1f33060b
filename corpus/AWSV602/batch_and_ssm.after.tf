terraform {
  required_providers {
    aws = {
      source  = "hashicorp/aws"
      version = ">= 5.100"
    }
  }
}

resource "aws_batch_compute_environment" "spot" {
  compute_environment_name = "spot"
  type                     = "MANAGED"
  service_role             = "arn:aws:iam::123456789012:role/batch"

  compute_resources {
    type               = "SPOT"
    max_vcpus          = 64
    instance_type      = ["optimal"]
    subnets            = ["subnet-0123456789abcdef0"]
    security_group_ids = ["sg-0123456789abcdef0"]
    instance_role      = "arn:aws:iam::123456789012:instance-profile/ecs"
  }
}

resource "aws_batch_compute_environment" "ondemand" {
  compute_environment_name = "ondemand"
  type                     = "MANAGED"
  service_role             = "arn:aws:iam::123456789012:role/batch"

  compute_resources {
    type               = "EC2"
    max_vcpus          = 16
    instance_type      = ["optimal"]
    subnets            = ["subnet-0123456789abcdef0"]
    security_group_ids = ["sg-0123456789abcdef0"]
    instance_role      = "arn:aws:iam::123456789012:instance-profile/ecs"
  }
}

resource "aws_batch_job_queue" "jobs" {
  name     = "jobs"
  state    = "ENABLED"
  priority = 1

  compute_environment_order {
    compute_environment = aws_batch_compute_environment.spot.arn
    order               = 0
  }

  compute_environment_order {
    compute_environment = aws_batch_compute_environment.ondemand.arn
    order               = 1
  }
}

resource "aws_ssm_association" "patch" {
  name        = "AWS-RunPatchBaseline"
  instance_id = aws_instance.worker.id

  parameters = {
    Operation = "Install"
  }
}

resource "aws_instance" "worker" {
  ami           = "ami-0123456789abcdef0"
  instance_type = "t3.small"
}
