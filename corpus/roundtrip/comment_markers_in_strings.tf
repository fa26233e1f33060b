# Comment-like text inside strings and heredocs is not a comment.
locals {
  url     = "https://example.com/path" # real comment
  hash    = "#not-a-comment"
  block   = "/* not a comment */"
  slashes = "a // b"
  star    = "*/"
  text    = <<EOF
# not a comment
// not a comment
/* not a comment */
EOF
  interp = "${"#"}${"//"}" // real comment
}
