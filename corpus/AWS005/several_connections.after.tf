variable "github_connection_arn" {
  type    = string
  default = null
}

resource "aws_codestarconnections_connection" "github" {
  name          = "github"
  provider_type = "GitHub"
}

data "aws_secretsmanager_secret_version" "token" {
  secret_id = "github/oauth"
}

resource "aws_codepipeline" "api" {
  name     = "api"
  role_arn = var.pipeline_role_arn

  artifact_store {
    location = var.artifact_bucket
    type     = "S3"
  }

  stage {
    name = "Source"

    action {
      name             = "Source"
      category         = "Source"
      owner            = "ThirdParty"
      provider         = "GitHub"
      version          = "1"
      output_artifacts = ["source"]

      configuration = {
        Owner      = "acme"
        Repo       = "api"
        Branch     = "main"
        OAuthToken = data.aws_secretsmanager_secret_version.token.secret_string
      }
    }
  }

  stage {
    name = "Build"

    action {
      name            = "Build"
      category        = "Build"
      owner           = "AWS"
      provider        = "CodeBuild"
      version         = "1"
      input_artifacts = ["source"]

      configuration = {
        ProjectName = "api"
      }
    }
  }
}
