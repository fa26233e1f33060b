# A deployed root. An SNS FIFO topic with an archive policy keeps every message
# published to it for replay: a new name replaces the topic and deletes the archive,
# so it keeps its name, with a finding. A topic without one is renamed.
terraform {
  backend "s3" {}
}

variable "project_name" {
  default = "shop"
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
  name = "${var.project_name}-alerts"
}
