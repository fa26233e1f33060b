resource "aws_codestarconnections_connection" "gh" {
  name          = "acme-github"
  provider_type = "GitHub"
}

resource "aws_codepipeline" "svc" {
  name     = "svc"
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
        ConnectionArn    = aws_codestarconnections_connection.gh.arn
        FullRepositoryId = "acme/svc"
        BranchName       = "main"
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
      owner    = "AWS"
      provider = "CodeStarSourceConnection"
      version  = "1"

      configuration = {
        ConnectionArn    = aws_codestarconnections_connection.gh.arn
        FullRepositoryId = "acme/other"
        BranchName       = "main"
      }
    }
  }
}
