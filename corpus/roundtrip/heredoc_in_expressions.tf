# Heredocs used as function arguments, tuple items and object values.
locals {
  in_call = upper(<<EOF
inside a call
EOF
  )

  two_args = join(<<A
-
A
  , [<<B
x
B
  , "y"])

  in_tuple = [
    <<EOT
first
EOT
    , "second",
  ]

  in_object = {
    key = <<-EOT
      value
    EOT
    other = 1
  }

  lowercase_marker = <<eof
text
eof
  dashed_marker = <<END-OF-TEXT
text
END-OF-TEXT
  tab_before_close = <<EOF
text
	EOF
}
