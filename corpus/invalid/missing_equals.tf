# An attribute name followed directly by its value.
locals {
  a 1
}
