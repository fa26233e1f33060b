# The payments function.
resource "aws_lambda_function" "payments" {
  function_name = "payments" # public name
  # Built by the archive_file above.
  filename = data.archive_file.payments.output_path # zip
  # Python, as the rest of the team.
  runtime = "python3.12"
  // end
}
