resource "aws_secretsmanager_secret" "github" {
  name = "github-token"
}

data "aws_secretsmanager_secret_version" "by_name" {
  secret_id = "github-token"
}

data "aws_secretsmanager_secret_version" "by_reference" {
  secret_id = aws_secretsmanager_secret.github.id
}

resource "aws_codepipeline" "by_name" {
  name     = "by-name"
  role_arn = var.role_arn

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
        OAuthToken = data.aws_secretsmanager_secret_version.by_name.secret_string
      }
    }
  }
}

resource "aws_codepipeline" "by_reference" {
  name     = "by-reference"
  role_arn = var.role_arn

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
        OAuthToken = data.aws_secretsmanager_secret_version.by_reference.secret_string
      }
    }
  }
}

resource "aws_codepipeline" "from_variable" {
  name     = "from-variable"
  role_arn = var.role_arn

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
        OAuthToken = var.github_token
      }
    }
  }
}
