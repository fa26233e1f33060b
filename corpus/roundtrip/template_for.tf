# Template for / endfor directives with one and two iteration variables.
locals {
  list = ["a", "b", "c"]
  map  = { x = 1, y = 2 }

  values  = "%{ for v in local.list }${v},%{ endfor }"
  keyed   = "%{ for k, v in local.map }${k}=${v};%{ endfor }"
  tight   = "%{for v in local.list}${v}%{endfor}"
  nested  = "%{ for a in local.list }%{ for b in local.list }${a}${b} %{ endfor }%{ endfor }"
  with_if = "%{ for v in local.list }%{ if v != "b" }${v}%{ endif }%{ endfor }"
}
