# Provider 4.x skipped an empty or null source_json/override_json; the list
# arguments parse each element as JSON and fail on "" or null. Values that may be
# empty become compact([...]); literal null and "" are removed; a document's json,
# jsonencode(...) and literal text stay a plain list.
terraform {
  required_providers {
    aws = {
      source  = "hashicorp/aws"
      version = ">= 4.0"
    }
  }
}

variable "policy" {
  type    = string
  default = ""
}

variable "dev_mode" {
  type    = bool
  default = false
}

data "aws_iam_policy_document" "base" {
  count = var.dev_mode ? 1 : 0

  statement {
    actions   = ["sts:AssumeRole"]
    resources = ["*"]
  }
}

data "aws_iam_policy_document" "from_variable" {
  source_json   = var.policy
  override_json = join("", data.aws_iam_policy_document.base.*.json)
}

data "aws_iam_policy_document" "conditional" {
  override_json = var.dev_mode ? data.aws_iam_policy_document.base[0].json : null
}

data "aws_iam_policy_document" "literal_null" {
  source_json   = null
  override_json = ""

  statement {
    actions   = ["s3:GetObject"]
    resources = ["*"]
  }
}

data "aws_iam_policy_document" "never_empty" {
  source_json = data.aws_iam_policy_document.base[0].json
  override_json = jsonencode({
    Version   = "2012-10-17"
    Statement = []
  })
}
