resource "aws_iam_role" "codebuild" {
  name               = "build"
  assume_role_policy = data.aws_iam_policy_document.codebuild_assume_role.json
}

resource "aws_iam_role" "pipeline" {
  name               = "pipeline"
  assume_role_policy = data.aws_iam_policy_document.codepipeline_assume_role.json
}

resource "aws_iam_role" "tasks" {
  for_each           = toset(["api", "worker"])
  name               = "task-${each.key}"
  assume_role_policy = data.aws_iam_policy_document.ecs_tasks_assume_role.json
}

resource "aws_iam_role" "build_again" {
  name               = "build-2"
  assume_role_policy = data.aws_iam_policy_document.codebuild_assume_role.json
}

resource "aws_iam_role" "edge" {
  name               = "edge"
  assume_role_policy = data.aws_iam_policy_document.lambda_edge_assume_role_policy.json
}
