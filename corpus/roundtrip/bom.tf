# This file starts with a UTF-8 byte order mark (EF BB BF).
variable "with_bom" {
  default = "bom"
}
