variable "env" {
  type = string
}

variable "token_secret" {
  type = string
}

# Its name is whatever the caller passes: it may be the token secret.
resource "aws_secretsmanager_secret" "token" {
  name = var.token_secret
}

resource "aws_secretsmanager_secret" "oauth" {
  name = "${var.env}-gh-oauth"
}

data "aws_secretsmanager_secret_version" "maybe" {
  secret_id = "${var.env}-github"
}

# Reads the secret above by a name of the same shape: created here.
data "aws_secretsmanager_secret_version" "own" {
  secret_id = "${var.env}-gh-oauth"
}

resource "aws_codepipeline" "api" {
  name     = "api"
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
        OAuthToken = data.aws_secretsmanager_secret_version.maybe.secret_string
      }
    }
  }
}

resource "aws_codepipeline" "web" {
  name     = "web"
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
        OAuthToken = data.aws_secretsmanager_secret_version.own.secret_string
      }
    }
  }
}
