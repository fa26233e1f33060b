# Terraform 0.11 style (a quoted type constraint, references only inside "${...}"):
# the role needs AWSXRayDaemonWriteAccess, and the attachment would be written
# with bare references, which Terraform 0.11 cannot parse: reported instead.
provider "aws" {
  region = "us-east-1"
}

variable "name" {
  type = "string"
}

resource "aws_iam_role" "app" {
  name               = "${var.name}"
  assume_role_policy = "${file("${path.module}/trust.json")}"
}

resource "aws_iam_role_policy_attachment" "logs" {
  role       = "${aws_iam_role.app.name}"
  policy_arn = "arn:aws:iam::aws:policy/service-role/AWSLambdaBasicExecutionRole"
}

resource "aws_lambda_function" "app" {
  function_name = "${var.name}"
  role          = "${aws_iam_role.app.arn}"
  runtime       = "python3.12"
  handler       = "app.handler"
  s3_bucket     = "artifacts"
  s3_key        = "app.zip"
}
