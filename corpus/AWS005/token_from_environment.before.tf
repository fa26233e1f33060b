# A GitHub version 1 source action without OAuthToken: the AWS provider reads the token
# from GITHUB_TOKEN in the environment of whoever runs Terraform.
resource "aws_codepipeline" "app" {
  name     = "app"
  role_arn = "arn:aws:iam::111122223333:role/pipeline"

  artifact_store {
    location = "example-artifacts"
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
      output_artifacts = ["src"]

      configuration = {
        Owner  = "example"
        Repo   = "app"
        Branch = "main"
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
      input_artifacts = ["src"]
      version         = "1"

      configuration = {
        ProjectName = "app-build"
      }
    }
  }
}
