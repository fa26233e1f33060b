# The file ends inside a line comment with no trailing newline.
locals {
  a = 1
}
// last comment, no newline