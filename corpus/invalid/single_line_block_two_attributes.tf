# A single-line block may hold only one attribute.
variable "v" { type = string, default = "x" }
