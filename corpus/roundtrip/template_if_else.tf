# Template if / else / endif directives, nested and empty branches.
variable "on" {
  default = true
}

locals {
  simple  = "%{ if var.on }yes%{ endif }"
  else    = "%{ if var.on }yes%{ else }no%{ endif }"
  nested  = "%{ if var.on }%{ if !var.on }a%{ else }b%{ endif }%{ endif }"
  empty   = "%{ if var.on }%{ else }%{ endif }"
  interp  = "%{ if var.on }value=${var.on}%{ endif }"
  tight   = "%{if var.on}x%{endif}"
  complex = "%{ if var.on && length("x") == 1 }ok%{ endif }"
}
