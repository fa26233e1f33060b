# The connection was created and confirmed in the console; the module takes its ARN.
variable "codestar_connection_arn" {
  type = string
}

data "aws_secretsmanager_secret" "github" {
  name = "ci/github-token"
}

data "aws_secretsmanager_secret_version" "github" {
  secret_id = data.aws_secretsmanager_secret.github.id
}

data "aws_iam_policy_document" "pipeline" {
  statement {
    actions   = ["codebuild:StartBuild", "codebuild:BatchGetBuilds"]
    resources = ["*"]
  }
}

resource "aws_iam_policy" "pipeline" {
  name   = "pipeline"
  policy = data.aws_iam_policy_document.pipeline.json
}

resource "aws_iam_role_policy_attachment" "pipeline" {
  role       = aws_iam_role.pipeline.name
  policy_arn = aws_iam_policy.pipeline.arn
}

resource "aws_iam_role" "pipeline" {
  name               = "pipeline"
  assume_role_policy = data.aws_iam_policy_document.assume.json
}

resource "aws_codepipeline" "main" {
  name     = "${var.project}-pipeline"
  role_arn = aws_iam_role.pipeline.arn

  artifact_store {
    location = var.artifact_bucket
    type     = "S3"
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
        Owner                = "${var.org}"
        Repo                 = "${var.project}-service"
        Branch               = var.branch
        OAuthToken           = jsondecode(data.aws_secretsmanager_secret_version.github.secret_string)["token"]
        PollForSourceChanges = false
      }
    }
  }
}

resource "aws_codepipeline_webhook" "main" {
  name            = "github"
  authentication  = "GITHUB_HMAC"
  target_action   = "Checkout"
  target_pipeline = aws_codepipeline.main.name

  filter {
    json_path    = "$.ref"
    match_equals = "refs/heads/{Branch}"
  }
}
