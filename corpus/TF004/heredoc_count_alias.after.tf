# A deployment (its provider block says so): TF004 may add the suffix variable.
provider "aws" {
  region = "eu-west-1"
}

variable "project_name" {
  type = string
}

variable "environment_suffix" {
  description = "Suffix of every physical name (environment or pull request), so that several deployments can share an account"
  type        = string

  validation {
    condition     = can(regex("^[a-z0-9][a-z0-9-]{0,7}$", var.environment_suffix))
    error_message = "environment_suffix must be 1-8 lowercase letters, digits or hyphens."
  }
}

resource "aws_kms_alias" "pipeline" {
  name          = "alias/pipeline-key"
  target_key_id = "1234abcd-12ab-34cd-56ef-1234567890ab"
}

resource "aws_sqs_queue" "worker" {
  count = 2
  # one queue per shard
  name = "${var.project_name}-worker-${count.index}" # shard queues
}

resource "aws_s3_bucket" "reports" {
  bucket = "${var.project_name}-reports-${data.aws_caller_identity.current.account_id}"
}

data "aws_caller_identity" "current" {}

resource "aws_iam_policy" "workers" {
  name        = "${var.project_name}-${var.environment_suffix}-workers"
  description = "Lets the workers read their queues"
  policy      = <<-EOT
    {
      "Version": "2012-10-17",
      "Statement": [
        {
          "Effect": "Allow",
          "Action": ["sqs:ReceiveMessage", "sqs:DeleteMessage"],
          "Resource": "arn:aws:sqs:*:*:${var.project_name}-worker-*"
        },
        {
          "Effect": "Allow",
          "Action": ["sqs:SendMessage"],
          "Resource": "arn:aws:sqs:*:*:partner-inbox"
        }
      ]
    }
  EOT
}
