# Keys and policies that come from outside the module: a key ARN given as an
# input is judged where that key is made; a key of the module whose policy is
# an input cannot be read here, so a person checks it.
variable "log_key_arn" {
  type    = string
  default = null
}

variable "key_policy" {
  type    = string
  default = null
}

resource "aws_kms_key" "given_policy" {
  enable_key_rotation = true
  policy              = var.key_policy
}

resource "aws_cloudwatch_log_group" "input_key" {
  name       = "/app/input-key"
  kms_key_id = var.log_key_arn
}

resource "aws_cloudwatch_log_group" "given_policy" {
  name       = "/app/given-policy"
  kms_key_id = aws_kms_key.given_policy.arn
}

data "aws_kms_key" "shared" {
  key_id = "alias/shared-logs"
}

resource "aws_cloudwatch_log_group" "data_key" {
  name       = "/app/data-key"
  kms_key_id = data.aws_kms_key.shared.arn
}
