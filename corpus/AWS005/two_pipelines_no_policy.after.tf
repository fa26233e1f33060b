# An existing, confirmed connection, read by name.
data "aws_codestarconnections_connection" "github" {
  name = "acme-github"
}

resource "aws_iam_role" "deploy" {
  name               = "deploy"
  assume_role_policy = data.aws_iam_policy_document.assume.json
}

resource "aws_iam_role_policy" "api_codestar_connection" {
  name = "codestar-connection"
  role = aws_iam_role.deploy.id
  policy = jsonencode({
    Version = "2012-10-17"
    Statement = [
      {
        Effect   = "Allow"
        Action   = "codestar-connections:UseConnection"
        Resource = data.aws_codestarconnections_connection.github.arn
      }
    ]
  })
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
      owner    = "AWS"
      provider = "CodeStarSourceConnection"
      version  = "1"

      configuration = {
        ConnectionArn        = data.aws_codestarconnections_connection.github.arn
        FullRepositoryId     = "acme/api"
        BranchName           = "main"
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
      owner    = "AWS"
      provider = "CodeStarSourceConnection"
      version  = "1"

      configuration = {
        ConnectionArn    = data.aws_codestarconnections_connection.github.arn
        FullRepositoryId = "acme/web"
        BranchName       = "release"
      }
    }
  }
}
