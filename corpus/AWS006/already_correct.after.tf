resource "aws_lambda_function" "hashed" {
  function_name    = "hashed"
  filename         = data.archive_file.hashed.output_path
  source_code_hash = data.archive_file.hashed.output_base64sha256
}

resource "aws_lambda_function" "from_s3" {
  function_name = "from-s3"
  s3_bucket     = aws_s3_bucket.artifacts.id
  s3_key        = "app.zip"
}

resource "aws_lambda_function" "from_image" {
  function_name = "from-image"
  package_type  = "Image"
  image_uri     = "${aws_ecr_repository.app.repository_url}:latest"
}

resource "aws_lambda_function" "prebuilt" {
  function_name    = "prebuilt"
  filename         = "${path.module}/dist/prebuilt.zip"
  source_code_hash = filebase64sha256("${path.module}/dist/prebuilt.zip")
}
