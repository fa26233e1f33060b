# Application logs, read by the on-call dashboard.
resource "aws_cloudwatch_log_group" "app" { # tffix: keep me
  # The name the service logs to.
  name              = "/ecs/app" # see task definition
  retention_in_days = 365
  # Encrypted with the shared key.
  kms_key_id = aws_kms_key.logs.arn

  /* Tags are managed centrally. */
  tags = local.tags
  // trailing note
}

provider "aws" {
  region = "eu-west-1"
}
