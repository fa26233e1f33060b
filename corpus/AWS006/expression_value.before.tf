variable "code_hash" {
  type    = string
  default = null
}

resource "aws_lambda_function" "from_variable" {
  function_name    = "from-variable"
  filename         = data.archive_file.app.output_path
  source_code_hash = var.code_hash
}

# Not an archive_file: nothing to derive a hash from.
resource "aws_lambda_function" "from_variable_path" {
  function_name = "from-variable-path"
  filename      = var.package_path
}
