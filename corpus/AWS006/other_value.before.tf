# Copy-pasted from the first function: the hash is the wrong archive's.
resource "aws_lambda_function" "users" {
  function_name    = "users"
  filename         = data.archive_file.users.output_path
  source_code_hash = data.archive_file.orders.output_base64sha256
}

resource "aws_lambda_function" "reports" {
  function_name    = "reports"
  filename         = data.archive_file.reports.output_path
  source_code_hash = filebase64sha256(data.archive_file.reports.output_path)
}
