# No space is allowed between "<<" and the heredoc marker.
locals {
  a = << EOF
text
EOF
}
