# Nothing but whitespace may follow the heredoc end marker on its line.
locals {
  a = <<EOF
text
EOF # a comment here makes the marker line plain content
}
