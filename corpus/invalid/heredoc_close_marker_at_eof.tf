# The heredoc end marker is the last line but has no newline after it.
a = <<EOF
text
EOF