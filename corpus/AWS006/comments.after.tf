# The payments function.
resource "aws_lambda_function" "payments" {
  function_name = "payments" # public name
  # Built by the archive_file above.
  filename         = data.archive_file.payments.output_path # zip
  source_code_hash = data.archive_file.payments.output_base64sha256
  # Python, as the rest of the team.
  runtime = "python3.12"
  // end
}
