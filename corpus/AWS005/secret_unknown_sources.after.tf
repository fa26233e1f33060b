# The module creates a secret, so what each data source reads must be judged.
resource "aws_secretsmanager_secret" "db" {
  name = "db-password"
}

module "secrets" {
  source = "./secrets"
}

data "aws_secretsmanager_secret_version" "from_module" {
  secret_id = module.secrets.github_secret_id
}

data "aws_secretsmanager_secret_version" "by_arn" {
  secret_id = "arn:aws:secretsmanager:eu-west-1:123456789012:secret:github-AbCdEf"
}

data "aws_secretsmanager_secret" "looked_up" {
  arn = var.github_secret_arn
}

data "aws_secretsmanager_secret_version" "through_lookup" {
  secret_id = data.aws_secretsmanager_secret.looked_up.id
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
        OAuthToken = data.aws_secretsmanager_secret_version.from_module.secret_string
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
        OAuthToken = data.aws_secretsmanager_secret_version.by_arn.secret_string
      }
    }
  }
}

resource "aws_codepipeline" "docs" {
  name     = "docs"
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
        Repo       = "docs"
        Branch     = "main"
        OAuthToken = data.aws_secretsmanager_secret_version.through_lookup.secret_string
      }
    }
  }
}
