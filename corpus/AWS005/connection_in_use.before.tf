# The module's connection is in use already (a CodeBuild project reads its
# source through it): it was completed in the console, so the pipelines move.
resource "aws_codestarconnections_connection" "gh" {
  name          = "acme-github"
  provider_type = "GitHub"
}

resource "aws_codebuild_project" "docs" {
  name         = "docs"
  service_role = var.build_role_arn

  artifacts {
    type = "NO_ARTIFACTS"
  }

  environment {
    compute_type = "BUILD_GENERAL1_SMALL"
    image        = "aws/codebuild/standard:7.0"
    type         = "LINUX_CONTAINER"
  }

  source {
    type     = "GITHUB"
    location = "https://github.com/acme/docs.git"

    auth {
      type     = "CODECONNECTIONS"
      resource = aws_codestarconnections_connection.gh.arn
    }
  }
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
