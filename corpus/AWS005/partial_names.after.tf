variable "env" {
  type = string
}

variable "oauth_secret_name" {
  type    = string
  default = "ci/github-oauth"
}

# The only secret of the module holds the database password.
resource "aws_secretsmanager_secret" "db" {
  name = "${var.env}-db-password"
}

data "aws_secretsmanager_secret_version" "templated" {
  secret_id = "${var.env}-gh-oauth"
}

data "aws_secretsmanager_secret_version" "from_default" {
  secret_id = var.oauth_secret_name
}

resource "aws_codepipeline" "api" {
  name     = "api-${var.env}"
  role_arn = var.pipeline_role_arn

  stage {
    name = "Source"

    action {
      name     = "Source"
      category = "Source"
      owner    = "ThirdParty"
      provider = "GitHub"
      version  = "1"

      configuration = {
        Owner      = "acme"
        Repo       = "api"
        Branch     = "main"
        OAuthToken = data.aws_secretsmanager_secret_version.templated.secret_string
      }
    }
  }
}

resource "aws_codepipeline" "web" {
  name     = "web-${var.env}"
  role_arn = var.pipeline_role_arn

  stage {
    name = "Source"

    action {
      name     = "Source"
      category = "Source"
      owner    = "ThirdParty"
      provider = "GitHub"
      version  = "1"

      configuration = {
        Owner      = "acme"
        Repo       = "web"
        Branch     = "main"
        OAuthToken = data.aws_secretsmanager_secret_version.from_default.secret_string
      }
    }
  }
}
