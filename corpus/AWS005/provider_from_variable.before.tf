# The provider of a third-party source action comes from an input: with
# "GitHub" (version 1, an OAuthToken), it is a GitHub version 1 action, which
# only a deployment shows. Reported, not changed.
variable "PROVIDER" {
  type = string
}

variable "GITHUB_TOKEN" {
  type      = string
  sensitive = true
}

resource "aws_codepipeline" "codepipeline" {
  name     = "app-main"
  role_arn = var.pipeline_role_arn

  artifact_store {
    location = "artifacts-bucket"
    type     = "S3"
  }

  stage {
    name = "Source"

    action {
      name             = "Source"
      category         = "Source"
      owner            = "ThirdParty"
      provider         = var.PROVIDER
      version          = "1"
      output_artifacts = ["source_output"]

      configuration = {
        Owner                = "acme"
        Repo                 = "app"
        Branch               = "main"
        OAuthToken           = var.GITHUB_TOKEN
        PollForSourceChanges = true
      }
    }
  }
}
