# The file ends with a block comment and no trailing newline.
locals {
  a = 1
}
/* last */