resource "aws_iam_role" "service" {
  for_each = local.services

  name               = "${var.project}-${each.key}"
  assume_role_policy = data.aws_iam_policy_document.assume.json
}

resource "aws_lambda_function" "service" {
  for_each = local.services

  function_name = "${var.project}-${each.key}"
  role          = aws_iam_role.service[each.key].arn
  runtime       = each.value.runtime
  handler       = "index.handler"
  filename      = data.archive_file.service[each.key].output_path
}

resource "aws_iam_role" "optional" {
  count    = var.enabled ? 1 : 0
  provider = aws.replica

  name               = "optional"
  assume_role_policy = data.aws_iam_policy_document.assume.json
}

resource "aws_lambda_function" "optional" {
  count         = var.enabled ? 1 : 0
  provider      = aws.replica
  function_name = "optional"
  role          = aws_iam_role.optional[0].arn
  depends_on    = [aws_iam_role_policy.lambda]
}

provider "aws" {
  region = "eu-west-1"
}
