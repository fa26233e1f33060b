# A deployed root. An SNS FIFO topic with an archive policy keeps every message
# published to it for replay: a new name replaces the topic and deletes the archive,
# so it keeps its name, with a finding. A topic without one is renamed.
terraform {
  backend "s3" {}
}

variable "project_name" {
  default = "shop"
}

variable "environment_suffix" {
  description = "Suffix of every physical name (environment or pull request), so that several deployments can share an account"
  type        = string

  validation {
    condition     = can(regex("^[a-z0-9][a-z0-9-]{0,7}$", var.environment_suffix))
    error_message = "environment_suffix must be 1-8 lowercase letters, digits or hyphens."
  }
}

resource "aws_sns_topic" "orders" {
  name                        = "${var.project_name}-orders.fifo"
  fifo_topic                  = true
  content_based_deduplication = true
  archive_policy = jsonencode({
    MessageRetentionPeriod = 30
  })
}

resource "aws_sns_topic" "alerts" {
  name = "${var.project_name}-${var.environment_suffix}-alerts"
}
