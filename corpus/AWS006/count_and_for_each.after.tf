data "archive_file" "service" {
  for_each = local.services

  type        = "zip"
  output_path = "${path.module}/build/${each.key}.zip"

  source {
    content  = templatefile("${path.module}/lambda_function.py.tpl", { service = each.key })
    filename = "lambda_function.py"
  }
}

resource "aws_lambda_function" "service" {
  for_each = local.services

  function_name    = "${var.project}-${each.key}"
  filename         = data.archive_file.service[each.key].output_path
  source_code_hash = data.archive_file.service[each.key].output_base64sha256
  handler          = "lambda_function.handler"
}

resource "aws_lambda_function" "numbered" {
  count            = 2
  function_name    = "numbered-${count.index}"
  filename         = data.archive_file.numbered[count.index].output_path
  source_code_hash = data.archive_file.numbered[count.index].output_base64sha256
}

resource "aws_lambda_function" "api" {
  function_name    = "api"
  filename         = data.archive_file.by_name["api"].output_path
  source_code_hash = data.archive_file.by_name["api"].output_base64sha256
}

resource "aws_lambda_function" "admin" {
  function_name    = "admin"
  filename         = data.archive_file.by_name["admin"].output_path
  source_code_hash = data.archive_file.by_name["admin"].output_base64sha256
}
