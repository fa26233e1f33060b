data "aws_iam_policy_document" "lambda_assume_role_policy" {
  statement {
    actions = ["sts:AssumeRole"]

    principals {
      type        = "Service"
      identifiers = ["lambda.amazonaws.com"]
    }
  }
}

resource "aws_iam_role" "api" {
  name               = "api"
  assume_role_policy = data.aws_iam_policy_document.lambda_assume_role.json
}

resource "aws_iam_role" "workers" {
  for_each           = toset(["a", "b"])
  name               = each.key
  assume_role_policy = data.aws_iam_policy_document.states_assume_role[each.key].json
}

resource "aws_iam_role" "unknown" {
  name               = "unknown"
  assume_role_policy = data.aws_iam_policy_document.quantum_assume_role.json
}

# tffix: ignore[TF003]
resource "aws_iam_role" "waived" {
  name               = "waived"
  assume_role_policy = data.aws_iam_policy_document.glue_assume_role.json
}
