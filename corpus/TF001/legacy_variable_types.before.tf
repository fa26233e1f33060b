variable "names" {
  type = "list"
}

variable "id" {
  type    = "string"
  default = "x"
}
