provider "aws" {}

variable "environments" {
  type = list(string)
}

resource "aws_kms_key" "per_env" {
  count               = length(var.environments)
  description         = "key for ${var.environments[count.index]}"
  enable_key_rotation = true

  tags = {
    Environment = var.environments[count.index]
  }
}

resource "aws_kms_key" "per_team" {
  for_each = toset(["a", "b"])

  description         = "team ${each.key}"
  enable_key_rotation = true
}
