# A quoted string may not span lines.
locals {
  a = "first line
second line"
}
