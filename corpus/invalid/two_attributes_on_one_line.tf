# Two attributes on one line without a newline between them.
locals {
  a = 1 b = 2
}
