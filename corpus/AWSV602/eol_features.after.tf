provider "aws" {
  region = "us-east-1"

  endpoints {
    s3 = "http://localhost:4566"
  }
}

resource "aws_ecs_task_definition" "inference" {
  family                = "inference"
  container_definitions = file("${path.module}/containers.json")
}

resource "aws_launch_template" "gpu" {
  name_prefix   = "gpu-"
  image_id      = "ami-0123456789abcdef0"
  instance_type = "g4dn.xlarge"
  ebs_optimized = true

  block_device_mappings {
    device_name = "/dev/xvda"

    ebs {
      volume_size           = 100
      encrypted             = true
      delete_on_termination = true
    }
  }
}

resource "aws_sagemaker_notebook_instance" "research" {
  name          = "research"
  role_arn      = "arn:aws:iam::123456789012:role/sagemaker"
  instance_type = "ml.t3.medium"
}

resource "aws_spot_instance_request" "batch" {
  ami           = "ami-0123456789abcdef0"
  instance_type = "c5.large"
}
