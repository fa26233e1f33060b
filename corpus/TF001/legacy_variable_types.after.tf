variable "names" {
  type = list(string)
}

variable "id" {
  type    = string
  default = "x"
}
