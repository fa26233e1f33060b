# Keywords (for, in, if, endif, true, null, ...) used as attribute names,
# object keys (not first "for"), block types and traversal steps.
resource "null_resource" "kw" {
  for   = 1
  in    = 2
  if    = 3
  else  = 4
  endif = 5
  true  = 6
  false = 7
  null  = 8
}

for = "top-level attribute named for"

if {
  in = true
}

locals {
  obj = {
    if     = 1
    in     = 2
    for    = 3
    endfor = 4
  }
  quoted_for = { "for" = 1 }
  access     = local.obj.if + local.obj.for + local.obj.in
  forish     = [foreach, format, iffy, index]
}
