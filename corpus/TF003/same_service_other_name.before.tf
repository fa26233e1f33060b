# The module declares the pipeline's trust policy under another name; the role
# refers to a name nobody declared. Generating a second document for the same
# service would leave the declared one dead: the typo is reported instead,
# naming the document meant. A role of another service still gets its document.
data "aws_iam_policy_document" "codepipeline_assume_role_doc" {
  statement {
    effect = "Allow"

    principals {
      type        = "Service"
      identifiers = ["codepipeline.amazonaws.com"]
    }

    actions = ["sts:AssumeRole"]
  }
}

resource "aws_iam_role" "codepipeline_role" {
  name               = "codepipeline-role"
  assume_role_policy = data.aws_iam_policy_document.assume_role.json
}

resource "aws_codepipeline" "main" {
  name     = "main"
  role_arn = aws_iam_role.codepipeline_role.arn
}

resource "aws_iam_role" "build" {
  name               = "build"
  assume_role_policy = data.aws_iam_policy_document.build_trust.json
}

resource "aws_codebuild_project" "build" {
  name         = "build"
  service_role = aws_iam_role.build.arn
}
