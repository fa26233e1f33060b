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

resource "aws_codestarconnections_connection" "github" {
  name          = "github"
  provider_type = "GitHub"
}

resource "aws_codepipeline" "api" {
  name     = "api-${var.env}"
  role_arn = var.pipeline_role_arn

  stage {
    name = "Source"

    action {
      name     = "Source"
      category = "Source"
      owner    = "AWS"
      provider = "CodeStarSourceConnection"
      version  = "1"

      configuration = {
        ConnectionArn    = aws_codestarconnections_connection.github.arn
        FullRepositoryId = "acme/api"
        BranchName       = "main"
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
      owner    = "AWS"
      provider = "CodeStarSourceConnection"
      version  = "1"

      configuration = {
        ConnectionArn    = aws_codestarconnections_connection.github.arn
        FullRepositoryId = "acme/web"
        BranchName       = "main"
      }
    }
  }
}
