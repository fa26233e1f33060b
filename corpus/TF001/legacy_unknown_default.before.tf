# Nothing shows what a caller passes: the exact reading of the legacy keyword.
variable "servers" {
  type = "list"
}

variable "overrides" {
  type    = "map"
  default = null
}
