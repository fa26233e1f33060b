# Plain (non-indented) heredocs with different markers and contents.
locals {
  simple = <<EOF
hello
world
EOF

  other_marker = <<END_OF_TEXT
  leading spaces are kept
	and a tab
END_OF_TEXT

  empty = <<EOF
EOF

  quotes_inside = <<EOT
"quoted" and 'single' and \n is not an escape here
EOT

  marker_prefix_lines = <<EOF
EOFX is not the end
EOF is not the end either (text follows the marker)
 EOF-
EOF

  # A plain <<EOF may still be closed by an indented marker.
  indented_close = <<EOF
body
    EOF
  after = "after heredoc"
}
