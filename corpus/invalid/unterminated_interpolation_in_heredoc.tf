# An interpolation inside a heredoc missing its closing brace.
locals {
  a = <<EOF
value: ${local.b
EOF
}
