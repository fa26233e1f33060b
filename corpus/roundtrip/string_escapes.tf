# Every escape sequence a quoted string may contain.
locals {
  newline   = "line1\nline2"
  carriage  = "a\rb"
  tab       = "col1\tcol2"
  quote     = "she said \"hi\""
  backslash = "C:\\Program Files\\x"
  unicode4  = "\u00e9\u03c0"
  unicode8  = "\U0001F600"
  mixed     = "\"\\\n\t\r\u0041"
  empty     = ""
  only_esc  = "\\"
  dollar    = "price: $5, 100%"
  braces    = "{ not a template }"
  raw_utf8  = "naïve café π"
}
