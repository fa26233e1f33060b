# A deployed root. An IAM role, policy or instance profile that a resource of
# the module uses is replaced under it when renamed (destroy first): each is
# left with the window named, unless create_before_destroy makes it seamless
# (a role whose permissions are all in its own block, users updated in place).
terraform {
  backend "s3" {}
}

variable "project_name" {
  default = "shop"
}

locals {
  trust = jsonencode({
    Version   = "2012-10-17"
    Statement = [{ Effect = "Allow", Action = "sts:AssumeRole", Principal = { Service = "lambda.amazonaws.com" } }]
  })
}

# Its permissions are a separate resource: the window stays even with create_before_destroy.
resource "aws_iam_role" "api" {
  name               = "${var.project_name}-api"
  assume_role_policy = local.trust

  lifecycle {
    create_before_destroy = true
  }
}

resource "aws_iam_role_policy" "api" {
  name = "table-access"
  role = aws_iam_role.api.id
  policy = jsonencode({
    Version   = "2012-10-17"
    Statement = [{ Effect = "Allow", Action = ["dynamodb:GetItem"], Resource = "*" }]
  })
}

resource "aws_lambda_function" "api" {
  function_name = "api"
  role          = aws_iam_role.api.arn
  runtime       = "python3.12"
  handler       = "main.handler"
  filename      = "api.zip"
}

# Permissions in its own block, users updated in place: create_before_destroy would do.
resource "aws_iam_role" "worker" {
  name                = "${var.project_name}-worker"
  assume_role_policy  = local.trust
  managed_policy_arns = ["arn:aws:iam::aws:policy/AmazonSQSReadOnlyAccess"]
}

resource "aws_lambda_function" "worker" {
  for_each      = toset(["a", "b"])
  function_name = "worker-${each.key}"
  role          = aws_iam_role.worker.arn
  runtime       = "python3.12"
  handler       = "main.handler"
  filename      = "worker.zip"
}

# The same with create_before_destroy: renamed.
resource "aws_iam_role" "batch" {
  name               = "${var.project_name}-batch"
  assume_role_policy = local.trust

  lifecycle {
    create_before_destroy = true
  }
}

resource "aws_lambda_function" "batch" {
  function_name = "batch"
  role          = aws_iam_role.batch.arn
  runtime       = "python3.12"
  handler       = "main.handler"
  filename      = "batch.zip"
}

# A policy's attachments are detached before they are attached again.
resource "aws_iam_policy" "read" {
  name   = "${var.project_name}-read"
  policy = jsonencode({ Version = "2012-10-17", Statement = [{ Effect = "Allow", Action = "s3:GetObject", Resource = "*" }] })
}

resource "aws_iam_role_policy_attachment" "read" {
  role       = aws_iam_role.spare.name
  policy_arn = aws_iam_policy.read.arn
}

# Instances launched from the template keep the old profile.
resource "aws_iam_instance_profile" "nodes" {
  name = "${var.project_name}-nodes"
  role = aws_iam_role.api.name
}

resource "aws_launch_template" "nodes" {
  name_prefix = "nodes-"

  iam_instance_profile {
    name = aws_iam_instance_profile.nodes.name
  }
}

# Used by a module call: what it does with it is not shown.
resource "aws_iam_role" "given" {
  name               = "${var.project_name}-given"
  assume_role_policy = local.trust
}

module "consumer" {
  source   = "./consumer"
  role_arn = aws_iam_role.given.arn
}

# Only its permissions (an attachment) refer to it: renamed.
resource "aws_iam_role" "spare" {
  name               = "${var.project_name}-spare"
  assume_role_policy = local.trust
}
