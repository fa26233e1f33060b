# Spaces after the heredoc opener marker are not allowed.
locals {
  a = <<EOF   
text
EOF
}
