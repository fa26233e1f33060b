data "archive_file" "lambda" {
  type        = "zip"
  source_dir  = "${path.module}/src"
  output_path = "${path.module}/build/lambda.zip"
}

# Both services deploy the same package: the seed's mistake.
resource "aws_lambda_function" "orders" {
  function_name = "orders"
  filename      = data.archive_file.lambda.output_path
}

resource "aws_lambda_function" "users" {
  function_name = "users"
  filename      = data.archive_file.lambda.output_path
}

resource "aws_lambda_function" "a" {
  for_each      = local.services
  function_name = "a-${each.key}"
  filename      = data.archive_file.per_service[each.key].output_path
}

resource "aws_lambda_function" "b" {
  for_each      = local.services
  function_name = "b-${each.key}"
  filename      = data.archive_file.per_service[each.key].output_path
}
