# The filename spells out the path the module's archive_file writes (its
# output_path) instead of referring to it: the archive's hash follows it.
data "archive_file" "artifact" {
  type        = "zip"
  source_file = "${path.module}/lib/handler.py"
  output_path = "${path.module}/files/artifact.zip"
}

resource "aws_lambda_function" "notifier" {
  filename      = "${path.module}/files/artifact.zip"
  function_name = "notifier"
  role          = aws_iam_role.notifier.arn
  handler       = "handler.handler"
  runtime       = "python3.12"
}

# A file nothing in this module builds (a CI job writes it): reported, since a
# filebase64sha256() of it needs the file at plan time.
resource "aws_lambda_function" "prebuilt" {
  filename      = "build/prebuilt.zip"
  function_name = "prebuilt"
  role          = aws_iam_role.notifier.arn
  handler       = "index.handler"
  runtime       = "nodejs22.x"
}

# Its code is deployed by another pipeline: left alone.
resource "aws_lambda_function" "deployed_elsewhere" {
  filename      = "build/placeholder.zip"
  function_name = "deployed-elsewhere"
  role          = aws_iam_role.notifier.arn
  handler       = "index.handler"
  runtime       = "nodejs22.x"

  lifecycle {
    ignore_changes = [filename, source_code_hash]
  }
}

# Packaged by a child module: its own hash output is the one to use.
module "package" {
  source = "./package"
}

resource "aws_lambda_function" "packaged" {
  filename      = module.package.zip_path
  function_name = "packaged"
  role          = aws_iam_role.notifier.arn
  handler       = "index.handler"
  runtime       = "nodejs22.x"
}
