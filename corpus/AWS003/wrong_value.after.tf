resource "aws_kms_key" "main" {
  description         = "main"
  enable_key_rotation = false # TODO turn on
  policy              = data.aws_iam_policy_document.key.json
}

resource "aws_kms_key" "unset" {
  description         = "unset"
  enable_key_rotation = true
}
