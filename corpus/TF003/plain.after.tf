resource "aws_s3_bucket" "code" {
  bucket = "code"
}

# Execution role of the API function.
resource "aws_iam_role" "lambda" {
  name               = "api-lambda"
  assume_role_policy = data.aws_iam_policy_document.lambda_assume_role.json
}
