# \q is not a valid escape sequence.
locals {
  ok  = "tab\tnewline\n"
  bad = "oops\q"
}
