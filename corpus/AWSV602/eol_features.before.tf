provider "aws" {
  region = "us-east-1"

  endpoints {
    s3       = "http://localhost:4566"
    opsworks = "http://localhost:4566"
    sdb      = "http://localhost:4566"
  }
}

resource "aws_ecs_task_definition" "inference" {
  family                = "inference"
  container_definitions = file("${path.module}/containers.json")

  inference_accelerator {
    device_name = "device_1"
    device_type = "eia2.medium"
  }
}

resource "aws_launch_template" "gpu" {
  name_prefix   = "gpu-"
  image_id      = "ami-0123456789abcdef0"
  instance_type = "g4dn.xlarge"
  ebs_optimized = 1

  elastic_gpu_specifications {
    type = "eg1.medium"
  }

  elastic_inference_accelerator {
    type = "eia2.medium"
  }

  block_device_mappings {
    device_name = "/dev/xvda"

    ebs {
      volume_size           = 100
      encrypted             = "1"
      delete_on_termination = 1
    }
  }
}

resource "aws_sagemaker_notebook_instance" "research" {
  name              = "research"
  role_arn          = "arn:aws:iam::123456789012:role/sagemaker"
  instance_type     = "ml.t3.medium"
  accelerator_types = ["ml.eia2.medium"]
}

resource "aws_spot_instance_request" "batch" {
  ami                    = "ami-0123456789abcdef0"
  instance_type          = "c5.large"
  block_duration_minutes = 120
}
