# An interpolation missing its closing brace.
locals {
  a = "${a"
}
