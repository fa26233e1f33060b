# A bare carriage return (no line feed) between two attributes.
locals {
  a = 1b = 2
}
