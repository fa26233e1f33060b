# One document for two roles that serve different services.
resource "aws_iam_role" "api" {
  name               = "api"
  assume_role_policy = data.aws_iam_policy_document.shared_trust.json
}

resource "aws_iam_role" "jobs" {
  name               = "jobs"
  assume_role_policy = data.aws_iam_policy_document.shared_trust.json
}

resource "aws_lambda_function" "api" {
  function_name = "api"
  role          = aws_iam_role.api.arn
  handler       = "index.handler"
  runtime       = "python3.12"
  filename      = "api.zip"
}

resource "aws_codebuild_project" "jobs" {
  name         = "jobs"
  service_role = aws_iam_role.jobs.arn

  artifacts {
    type = "NO_ARTIFACTS"
  }

  environment {
    compute_type = "BUILD_GENERAL1_SMALL"
    image        = "aws/codebuild/standard:7.0"
    type         = "LINUX_CONTAINER"
  }

  source {
    type = "NO_SOURCE"
  }
}

# Nothing uses this role, and its names name no service.
resource "aws_iam_role" "reporting" {
  name               = "reporting"
  assume_role_policy = data.aws_iam_policy_document.reporting_trust.json
}

# Names that name two services are not a fact either.
resource "aws_iam_role" "mixed" {
  name               = "lambda-to-ecs"
  assume_role_policy = data.aws_iam_policy_document.mixed_trust.json
}
