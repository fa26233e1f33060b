terraform {
  required_providers {
    aws = {
      source  = "hashicorp/aws"
      version = ">= 6.0"
    }
  }
}

variable "environments" {
  type    = set(string)
  default = ["spot", "ondemand"]
}

resource "aws_batch_compute_environment" "this" {
  for_each = var.environments

  compute_environment_name = "batch-${each.key}"
  type                     = "UNMANAGED"
}

data "aws_batch_compute_environment" "shared" {
  compute_environment_name = "shared"
}

resource "aws_batch_job_queue" "jobs" {
  name     = "jobs"
  state    = "ENABLED"
  priority = 1

  compute_environment_order {
    compute_environment = data.aws_batch_compute_environment.shared.arn
    order               = 0
  }
}

output "names" {
  value = [for k in var.environments : aws_batch_compute_environment.this[k].compute_environment_name]
}

output "shared_name" {
  value = data.aws_batch_compute_environment.shared.compute_environment_name
}
