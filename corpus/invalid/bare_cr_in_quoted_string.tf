# A bare carriage return inside a quoted string.
locals {
  a = "xy"
}
