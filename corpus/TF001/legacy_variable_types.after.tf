variable "names" {
  type = list(any)
}

variable "id" {
  type    = string
  default = "x"
}
