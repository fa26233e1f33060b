# A deployed root. Renaming an IAM user is done in place, but its access key names it
# in an argument that forces a new resource: the key is issued anew and whoever holds
# the old one is locked out. A role that GitHub
# Actions (OIDC) assumes is named by its ARN in the workflows. Both keep their names,
# with a finding, as does a user whose permissions are attached by name; a user with
# neither here and a role only Lambda assumes are renamed.
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

resource "aws_iam_user" "ci" {
  name = "${var.project_name}-ci"
}

resource "aws_iam_access_key" "ci" {
  user = aws_iam_user.ci.name
}

resource "aws_iam_user" "auditor" {
  name = "${var.project_name}-${var.environment_suffix}-auditor"
}

# Its permissions are an attachment naming it: detached and attached again to the new
# name, destroy first, so whoever signs in as the user is refused meanwhile.
resource "aws_iam_user" "reader" {
  name = "${var.project_name}-reader"
}

resource "aws_iam_user_policy_attachment" "reader" {
  user       = aws_iam_user.reader.name
  policy_arn = "arn:aws:iam::aws:policy/ReadOnlyAccess"
}

data "aws_iam_policy_document" "github" {
  statement {
    actions = ["sts:AssumeRoleWithWebIdentity"]
    principals {
      type        = "Federated"
      identifiers = ["arn:aws:iam::111122223333:oidc-provider/token.actions.githubusercontent.com"]
    }
  }
}

resource "aws_iam_role" "deploy" {
  name               = "${var.project_name}-deploy"
  assume_role_policy = data.aws_iam_policy_document.github.json
}

resource "aws_iam_role" "worker" {
  name = "${var.project_name}-${var.environment_suffix}-worker"
  assume_role_policy = jsonencode({
    Version   = "2012-10-17"
    Statement = [{ Effect = "Allow", Action = "sts:AssumeRole", Principal = { Service = "lambda.amazonaws.com" } }]
  })
}
