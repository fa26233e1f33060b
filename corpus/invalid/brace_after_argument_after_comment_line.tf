# A comment after "{" makes the block multi-line: its argument needs a newline.
locals { # settings
  a = 1 /* the only one */}
