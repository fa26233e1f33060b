resource "aws_lambda_function" "networked" {
  function_name = var.function_name
  role          = var.role_arn

  filename         = archive_file.package.output_path
  source_code_hash = archive_file.package.output_base64sha256

  dynamic "vpc_config" {
    for_each = var.subnet_ids == null ? [] : [true]
    content {
      subnet_ids         = var.subnet_ids
      security_group_ids = var.security_group_ids
    }
  }

  dynamic "environment" {
    for_each = length(var.env) > 0 ? [var.env] : []
    content {
      variables = environment.value
    }
  }
}
