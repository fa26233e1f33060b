# Conditional expressions: simple, nested, chained, multi-line in parens.
variable "env" {
  default = "dev"
}

locals {
  simple  = var.env == "prod" ? 3 : 1
  nested  = var.env == "prod" ? 3 : var.env == "stage" ? 2 : 1
  grouped = (var.env == "prod" ? "a" : "b") == "a" ? true : false
  in_cond = var.env != "" ? (var.env == "dev" ? "d" : "x") : "empty"

  multi_line = (
    var.env == "prod"
    ? "big"
    : "small"
  )

  multi_line_nested = (
    var.env == "prod" ? "p" :
    var.env == "stage" ? "s" :
    "d"
  )

  tight = true?1:0
}
