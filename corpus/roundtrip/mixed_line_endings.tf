# Mixed line endings: some lines end with LF, others with CRLF.
locals {
  a = 1
  b = [
    1,
    2,
  ]
  text = <<EOF
crlf line
lf line
EOF
}
