variable "tracing_mode" {
  type    = string
  default = "PassThrough"
}

variable "tracing_mode_required" {
  type = string
}

variable "tracing_mode_active" {
  type    = string
  default = "Active"
}

resource "aws_lambda_function" "from_default" {
  function_name = "a"

  tracing_config {
    mode = var.tracing_mode
  }
}

resource "aws_lambda_function" "required" {
  function_name = "b"

  tracing_config {
    mode = var.tracing_mode_required
  }
}

resource "aws_lambda_function" "conditional" {
  function_name = "c"

  tracing_config {
    mode = var.debug ? "Active" : "PassThrough"
  }
}

resource "aws_lambda_function" "active_by_default" {
  function_name = "d"

  tracing_config {
    mode = var.tracing_mode_active
  }
}
