# The connection was created and confirmed in the console; the module takes its ARN.
variable "codestar_connection_arn" {
  type = string
}

data "aws_iam_policy_document" "pipeline" {
  statement {
    actions   = ["codebuild:StartBuild", "codebuild:BatchGetBuilds"]
    resources = ["*"]
  }

  statement {
    effect    = "Allow"
    actions   = ["codestar-connections:UseConnection"]
    resources = [var.codestar_connection_arn]
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
      owner            = "AWS"
      provider         = "CodeStarSourceConnection"
      version          = "1"
      output_artifacts = ["src"]

      configuration = {
        ConnectionArn    = var.codestar_connection_arn
        FullRepositoryId = "${var.org}/${var.project}-service"
        BranchName       = var.branch
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
