# Heredoc markers cannot be quoted (unlike shell).
locals {
  a = <<"EOF"
text
EOF
}
