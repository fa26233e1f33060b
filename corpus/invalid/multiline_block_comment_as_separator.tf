# A multi-line /* */ comment does not count as a newline.
locals {
  a = 1 /* spans
  lines */ b = 2
}
