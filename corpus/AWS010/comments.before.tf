# Resizes uploaded images.
resource "aws_lambda_function" "resize" {
  function_name = "resize" # keep in sync with the bucket notification
  role          = aws_iam_role.lambda.arn
  // Memory matters more than CPU here.
  memory_size = 1024

  /* Environment for the handler. */
  environment {
    variables = {
      BUCKET = aws_s3_bucket.images.id # destination
    }
  }
  # Trailing note about the function.
}

resource "aws_iam_role" "lambda" {
  name               = "resize"
  assume_role_policy = data.aws_iam_policy_document.assume.json
}

# Traces go to X-Ray.
resource "aws_iam_role_policy_attachment" "xray" {
  role       = aws_iam_role.lambda.name
  policy_arn = "arn:aws:iam::aws:policy/AWSXRayDaemonWriteAccess"
}
