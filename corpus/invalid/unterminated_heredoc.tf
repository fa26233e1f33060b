# A heredoc whose end marker never appears.
locals {
  text = <<EOF
line one
line two
}
