resource "aws_kms_key" "this" {
  for_each = toset(["data", "pipeline"])

  description             = "${local.name} ${each.key} encryption"
  deletion_window_in_days = 10
}

resource "aws_kms_alias" "this" {
  for_each = aws_kms_key.this

  name          = "alias/${local.name}-${each.key}"
  target_key_id = each.value.key_id
}

# ---- functions ---------------------------------------------------------------

resource "aws_iam_role" "functions" {
  name               = "${local.name}-functions"
  assume_role_policy = data.aws_iam_policy_document.functions_trust.json
}

data "aws_iam_policy_document" "functions_access" {
  statement {
    sid       = "Logs"
    actions   = ["logs:CreateLogStream", "logs:PutLogEvents"]
    resources = ["arn:aws:logs:*:*:log-group:/aws/lambda/${local.name}-*:*"]
  }

  statement {
    sid = "Tables"
    actions = [
      "dynamodb:GetItem",
      "dynamodb:PutItem",
      "dynamodb:Query",
      "dynamodb:UpdateItem",
    ]
    resources = [
      aws_dynamodb_table.customers.arn,
      aws_dynamodb_table.shipments.arn,
      "${aws_dynamodb_table.shipments.arn}/index/*",
    ]
  }

  statement {
    sid       = "Tracing"
    actions   = ["xray:PutTraceSegments", "xray:PutTelemetryRecords"]
    resources = ["*"]
  }

  statement {
    sid       = "Keys"
    actions   = ["kms:Decrypt", "kms:GenerateDataKey"]
    resources = [aws_kms_key.this["data"].arn]
  }
}

resource "aws_iam_role_policy" "functions" {
  name   = "access"
  role   = aws_iam_role.functions.id
  policy = data.aws_iam_policy_document.functions_access.json
}

# ---- build -------------------------------------------------------------------

resource "aws_iam_role" "build" {
  name               = "${local.name}-build"
  assume_role_policy = data.aws_iam_policy_document.build_trust.json
}

data "aws_iam_policy_document" "build_access" {
  statement {
    actions   = ["logs:CreateLogGroup", "logs:CreateLogStream", "logs:PutLogEvents"]
    resources = ["*"]
  }

  statement {
    actions   = ["s3:GetObject", "s3:PutObject"]
    resources = ["${aws_s3_bucket.artifacts.arn}/*"]
  }

  statement {
    actions   = ["kms:Decrypt", "kms:GenerateDataKey"]
    resources = [aws_kms_key.this["pipeline"].arn]
  }
}

resource "aws_iam_role_policy" "build" {
  name   = "access"
  role   = aws_iam_role.build.id
  policy = data.aws_iam_policy_document.build_access.json
}

# ---- release -----------------------------------------------------------------

data "aws_iam_policy_document" "release_trust" {
  statement {
    actions = ["sts:AssumeRole"]

    principals {
      type        = "Service"
      identifiers = ["codepipeline.amazonaws.com"]
    }
  }
}

resource "aws_iam_role" "release" {
  name               = "${local.name}-release"
  assume_role_policy = data.aws_iam_policy_document.release_trust.json
}

data "aws_iam_policy_document" "release_access" {
  statement {
    actions   = ["s3:GetObject", "s3:GetObjectVersion", "s3:GetBucketVersioning", "s3:PutObject"]
    resources = [aws_s3_bucket.artifacts.arn, "${aws_s3_bucket.artifacts.arn}/*"]
  }

  statement {
    actions   = ["codebuild:BatchGetBuilds", "codebuild:StartBuild"]
    resources = [aws_codebuild_project.package.arn]
  }

  statement {
    actions   = ["kms:Decrypt", "kms:GenerateDataKey"]
    resources = [aws_kms_key.this["pipeline"].arn]
  }

  statement {
    actions   = ["secretsmanager:GetSecretValue"]
    resources = ["*"]
  }
}

resource "aws_iam_role_policy" "release" {
  name   = "access"
  role   = aws_iam_role.release.id
  policy = data.aws_iam_policy_document.release_access.json
}
