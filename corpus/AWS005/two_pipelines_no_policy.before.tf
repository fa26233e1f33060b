# An existing, confirmed connection, read by name.
data "aws_codestarconnections_connection" "github" {
  name = "acme-github"
}

data "aws_secretsmanager_secret_version" "token" {
  secret_id = "github/oauth"
}

resource "aws_iam_role" "deploy" {
  name               = "deploy"
  assume_role_policy = data.aws_iam_policy_document.assume.json
}

resource "aws_codepipeline" "api" {
  count    = var.enabled ? 1 : 0
  name     = "api"
  role_arn = aws_iam_role.deploy.arn

  stage {
    name = "Source"

    action {
      # pulled on every push to main
      name     = "Source"
      category = "Source"
      owner    = "ThirdParty"
      provider = "GitHub"
      version  = "1"

      configuration = {
        Owner                = "acme"
        Repo                 = "api"
        Branch               = "main"
        OAuthToken           = data.aws_secretsmanager_secret_version.token.secret_string
        OutputArtifactFormat = "CODE_ZIP"
      }
    }
  }
}

resource "aws_codepipeline" "web" {
  name     = "web"
  role_arn = aws_iam_role.deploy.arn

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
        Branch     = "release"
        OAuthToken = data.aws_secretsmanager_secret_version.token.secret_string
      }
    }
  }
}
