variable "role_arn" {
  description = "Execution role made by the platform team"
  type        = string
}

variable "create_role" {
  type    = bool
  default = true
}

data "aws_iam_role" "shared" {
  name = "shared-lambda"
}

module "role" {
  source = "./modules/role"
  name   = "worker"
}

resource "aws_iam_role" "own" {
  count = var.create_role ? 1 : 0

  name               = "own"
  assume_role_policy = data.aws_iam_policy_document.assume.json
}

resource "aws_lambda_function" "from_variable" {
  function_name = "from-variable"
  role          = var.role_arn
}

resource "aws_lambda_function" "from_data_source" {
  function_name = "from-data-source"
  role          = data.aws_iam_role.shared.arn
}

resource "aws_lambda_function" "from_module" {
  function_name = "from-module"
  role          = module.role.arn
}

resource "aws_lambda_function" "from_arn" {
  function_name = "from-arn"
  role          = "arn:aws:iam::123456789012:role/legacy-lambda"
}

resource "aws_lambda_function" "created_or_given" {
  function_name = "created-or-given"
  role          = var.create_role ? aws_iam_role.own[0].arn : var.role_arn
}
