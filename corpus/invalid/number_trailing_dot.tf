# A number literal ending with a dot.
locals {
  a = 1.
}
