# Nothing shows what a caller passes: the exact reading of the legacy keyword.
variable "servers" {
  type = list(any)
}

variable "overrides" {
  type    = map(any)
  default = null
}
