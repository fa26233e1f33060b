resource "aws_s3_bucket_policies" "docs" {
  bucket = "docs"
  policy = "{}"
}

resource "aws_lambda_functions" "api" {
  function_name = "api"
}

resource "aws_totally_made_up_thing" "x" {
}

# tffix: ignore[TF005]
resource "aws_s3_bucket_polcy" "waived" {
  bucket = "docs"
}

resource "random_id" "suffix" {
  byte_length = 4
}
