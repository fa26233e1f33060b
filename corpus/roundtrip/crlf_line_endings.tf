# Every line ends with CRLF, including inside heredocs and comments.
variable "name" {
  type    = string
  default = "crlf"
}

locals {
  list = [
    "a",
    "b",
  ]
  /* a block comment
     over two CRLF lines */
  text = <<-EOT
    first line
    ${var.name}
  EOT
  plain = <<EOF
no indent
EOF
  cond = (
    var.name == "crlf"
    ? 1
    : 2
  )
}
