# The same module on provider 6.x: the removed arguments are gone from the schema
# and the state, so removing them (or writing their replacement) plans nothing.
terraform {
  required_providers {
    aws = {
      source  = "hashicorp/aws"
      version = "~> 6.0"
    }
  }
}

resource "aws_dx_gateway_association" "onprem" {
  dx_gateway_id  = "dxgw-0123456789abcdef0"
  vpn_gateway_id = "vgw-0123456789abcdef0"
}

resource "aws_ssm_association" "patch" {
  name        = "AWS-RunPatchBaseline"
  instance_id = "i-0123456789abcdef0"
}

resource "aws_ecs_task_definition" "inference" {
  family                = "inference"
  container_definitions = file("${path.module}/containers.json")

  inference_accelerator {
    device_name = "device_1"
    device_type = "eia2.medium"
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
