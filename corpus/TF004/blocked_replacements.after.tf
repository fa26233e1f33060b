# A deployed root: a rename replaces a function or a load balancer (destroy, then
# create). Where the create cannot succeed (a runtime Lambda blocks for create, one
# the module does not show) or the destroy is refused (deletion protection), the
# name stays with a finding; the others are renamed.
terraform {
  backend "s3" {}
}

variable "project_name" {
  default = "app"
}

variable "environment_suffix" {
  description = "Suffix of every physical name (environment or pull request), so that several deployments can share an account"
  type        = string

  validation {
    condition     = can(regex("^[a-z0-9][a-z0-9-]{0,7}$", var.environment_suffix))
    error_message = "environment_suffix must be 1-8 lowercase letters, digits or hyphens."
  }
}

variable "runtime" {
  type = string
}

variable "supported_runtime" {
  default = "python3.12"
}

variable "protect" {
  default = false
}

locals {
  legacy_runtime = "python3.7"
  workers = {
    current = "python3.12"
    legacy  = "nodejs14.x"
  }
}

resource "aws_lambda_function" "from_caller" {
  function_name = "${var.project_name}-from-caller"
  role          = "arn:aws:iam::123456789012:role/lambda"
  handler       = "main.handler"
  runtime       = var.runtime
  filename      = "fn.zip"
}

resource "aws_lambda_function" "legacy" {
  function_name = "${var.project_name}-legacy"
  role          = "arn:aws:iam::123456789012:role/lambda"
  handler       = "main.handler"
  runtime       = local.legacy_runtime
  filename      = "fn.zip"
}

resource "aws_lambda_function" "workers" {
  for_each = local.workers

  function_name = "${var.project_name}-worker-${each.key}"
  role          = "arn:aws:iam::123456789012:role/lambda"
  handler       = "main.handler"
  runtime       = each.value
  filename      = "fn.zip"
}

resource "aws_lambda_function" "current" {
  function_name = "${var.project_name}-${var.environment_suffix}-current"
  role          = "arn:aws:iam::123456789012:role/lambda"
  handler       = "main.handler"
  runtime       = var.supported_runtime
  filename      = "fn.zip"
}

resource "aws_lambda_function" "image" {
  function_name = "${var.project_name}-${var.environment_suffix}-image"
  role          = "arn:aws:iam::123456789012:role/lambda"
  package_type  = "Image"
  image_uri     = "123456789012.dkr.ecr.eu-west-1.amazonaws.com/app:1"
}

resource "aws_lb" "protected" {
  name                       = "${var.project_name}-protected"
  enable_deletion_protection = true
  subnets                    = ["subnet-1", "subnet-2"]
}

resource "aws_lb" "unprotected" {
  name                       = "${var.project_name}-${var.environment_suffix}-open"
  enable_deletion_protection = var.protect
  subnets                    = ["subnet-1", "subnet-2"]
}

# Clients reach it through this record, which follows the new load balancer.
resource "aws_route53_record" "unprotected" {
  zone_id = "Z0123456789ABCDEFGHIJ"
  name    = "unprotected.example.com"
  type    = "A"

  alias {
    name                   = aws_lb.unprotected.dns_name
    zone_id                = aws_lb.unprotected.zone_id
    evaluate_target_health = true
  }
}

# A new role name replaces the role; a function on a runtime whose updates Lambda
# blocks cannot be moved to the new one, so that role keeps its name.
resource "aws_iam_role" "retired" {
  name = "${var.project_name}-retired"
  assume_role_policy = jsonencode({
    Version   = "2012-10-17"
    Statement = [{ Effect = "Allow", Action = "sts:AssumeRole", Principal = { Service = "lambda.amazonaws.com" } }]
  })
}

resource "aws_lambda_function" "retired" {
  function_name = "${var.project_name}-retired"
  role          = aws_iam_role.retired.arn
  handler       = "main.handler"
  runtime       = "python3.6"
  filename      = "fn.zip"
}

resource "aws_iam_role" "supported" {
  name = "${var.project_name}-supported"
  assume_role_policy = jsonencode({
    Version   = "2012-10-17"
    Statement = [{ Effect = "Allow", Action = "sts:AssumeRole", Principal = { Service = "lambda.amazonaws.com" } }]
  })
}

resource "aws_lambda_function" "supported" {
  function_name = "${var.project_name}-${var.environment_suffix}-supported"
  role          = aws_iam_role.supported.arn
  handler       = "main.handler"
  runtime       = "python3.13"
  filename      = "fn.zip"
}
