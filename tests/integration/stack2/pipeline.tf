data "aws_secretsmanager_secret_version" "github" {
  secret_id = "${var.app}/github/oauth-token"
}

resource "aws_codebuild_project" "package" {
  name         = "${local.name}-package"
  service_role = aws_iam_role.build.arn

  artifacts {
    type = "CODEPIPELINE"
  }

  environment {
    compute_type = "BUILD_GENERAL1_SMALL"
    image        = "aws/codebuild/standard:7.0"
    type         = "LINUX_CONTAINER"
  }

  source {
    type = "CODEPIPELINE"
  }

  logs_config {
    cloudwatch_logs {
      group_name = aws_cloudwatch_log_group.build.name
    }
  }
}

resource "aws_codepipeline" "release" {
  name     = "${local.name}-release"
  role_arn = aws_iam_role.release.arn

  artifact_store {
    location = aws_s3_bucket.artifacts.bucket
    type     = "S3"

    encryption_key {
      id   = aws_kms_key.this["pipeline"].arn
      type = "KMS"
    }
  }

  stage {
    name = "Source"

    action {
      name             = "Checkout"
      category         = "Source"
      owner            = "ThirdParty"
      provider         = "GitHub"
      version          = "1"
      output_artifacts = ["src"]

      configuration = {
        Owner  = local.github_owner
        Repo   = local.github_repo
        Branch = var.branch
        OAuthToken           = data.aws_secretsmanager_secret_version.github.secret_string
        PollForSourceChanges = "false"
      }
    }
  }

  stage {
    name = "Package"

    action {
      name             = "Package"
      category         = "Build"
      owner            = "AWS"
      provider         = "CodeBuild"
      version          = "1"
      input_artifacts  = ["src"]
      output_artifacts = ["bundle"]

      configuration = {
        ProjectName = aws_codebuild_project.package.name
      }
    }
  }

  depends_on = [aws_s3_bucket_encryption_configuration.artifacts]
}
