# The module declares a connection that nothing uses yet: Terraform creates it
# PENDING and nobody had a reason to complete it in the console, so moving a
# working pipeline onto it could stop the pipeline: reported, not changed.
resource "aws_codestarconnections_connection" "gh" {
  name          = "acme-github"
  provider_type = "GitHub"
}

data "aws_secretsmanager_secret_version" "oauth" {
  secret_id = var.token_secret_name
}

data "aws_secretsmanager_secret_version" "legacy" {
  secret_id = "legacy/github"
}

resource "aws_codepipeline" "svc" {
  name     = "svc"
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
        Repo       = "svc"
        Branch     = "main"
        OAuthToken = data.aws_secretsmanager_secret_version.legacy.secret_string # legacy token
      }
    }
  }
}

resource "aws_codepipeline" "hardcoded" {
  name     = "hardcoded"
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
        Repo       = "old"
        Branch     = "main"
        OAuthToken = "ghp_notarealtoken"
      }
    }
  }
}

resource "aws_codepipeline" "unknown_secret" {
  name     = "unknown-secret"
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
        Repo       = "other"
        Branch     = "main"
        OAuthToken = data.aws_secretsmanager_secret_version.oauth.secret_string
      }
    }
  }
}
