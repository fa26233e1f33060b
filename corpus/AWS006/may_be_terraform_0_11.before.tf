variable "name" {
  type = "string"
}

data "archive_file" "app" {
  type        = "zip"
  source_dir  = "${path.module}/src"
  output_path = "${path.module}/app.zip"
}

resource "aws_lambda_function" "app" {
  function_name = "${var.name}"
  filename      = "${data.archive_file.app.output_path}"
  handler       = "index.handler"
  runtime       = "nodejs8.10"
  role          = "${aws_iam_role.app.arn}"
}
